/**
 * Credentials written into a URL (`https://user:password@host/…`) must never reach a log line, an error
 * message or the archive's `source` column: every URL that is shown goes through here first.
 */
const USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;

/** The URL (or any text holding URLs) with each `user:password@` replaced by `***@`. */
export function redactUrl(text: string): string {
  return text.replace(USERINFO, "$1***@");
}
