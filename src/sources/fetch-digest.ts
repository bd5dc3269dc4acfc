/**
 * One HTTP GET of a digest, shared by the URL template source and `paperboy ingest <url>`: the optional
 * Authorization header only ever goes to the template's origin (redirects are followed by hand so a
 * redirect to another host never carries it), failures name the URL (credentials redacted) and the
 * cause, and the body is read up to MAX_DIGEST_BYTES.
 */
import { PaperboyError } from "../core/errors.js";
import { redactUrl } from "../core/redact-url.js";
import { MAX_DIGEST_BYTES } from "./digest-file.js";

export interface DigestAuthorization {
  /** The header value, e.g. `Bearer …` or `token …` (from PAPERBOY_DIGESTS_AUTHORIZATION). */
  value: string;
  /** The only origin it is sent to: the URL template's. */
  origin: string;
}

export interface DigestFetchOptions {
  headers?: Record<string, string>;
  authorization?: DigestAuthorization;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

const MAX_REDIRECTS = 5;

/** The response to GET `url` (any status: the caller decides what a 404 means). Throws `fetch_failed`. */
export async function fetchDigestUrl(url: string, options: DigestFetchOptions = {}): Promise<Response> {
  const doFetch = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 30_000);
  const { bare, basic } = splitCredentials(url);
  const authorization = options.authorization ?? basic;
  let current = bare;
  for (let hop = 0; ; hop++) {
    const headers: Record<string, string> = { "user-agent": "paperboy (digest poller)", ...options.headers };
    if (authorization !== undefined && originOf(current) === authorization.origin) headers.authorization = authorization.value;
    let response: Response;
    try {
      response = await doFetch(current, { headers, signal, redirect: "manual" });
    } catch (error) {
      throw new PaperboyError("fetch_failed", `could not fetch ${redactUrl(current)}: ${causeOf(error)}`, { url: redactUrl(current) });
    }
    const location = response.headers.get("location");
    if (response.status < 300 || response.status >= 400 || response.status === 304 || location === null) return response;
    if (hop >= MAX_REDIRECTS) throw new PaperboyError("fetch_failed", `could not fetch ${redactUrl(url)}: more than ${MAX_REDIRECTS} redirects`, { url: redactUrl(url) });
    current = new URL(location, current).href;
  }
}

/**
 * fetch() refuses URLs with `user:password@`; like curl, send them as HTTP Basic authorization instead —
 * to that origin only, like any Authorization.
 */
function splitCredentials(url: string): { bare: string; basic?: DigestAuthorization } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    if (error instanceof TypeError) return { bare: url };
    throw error;
  }
  if (parsed.username === "" && parsed.password === "") return { bare: url };
  const pair = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
  parsed.username = "";
  parsed.password = "";
  return { bare: parsed.href, basic: { value: `Basic ${Buffer.from(pair).toString("base64")}`, origin: parsed.origin } };
}

/** The body as text, refusing one larger than a digest can be (checked before and while reading). */
export async function readDigestBody(response: Response, url: string): Promise<string> {
  if (response.body === null) return "";
  if (Number(response.headers.get("content-length") ?? "0") > MAX_DIGEST_BYTES) {
    await response.body.cancel();
    throw tooLarge(url);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_DIGEST_BYTES) throw tooLarge(url);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** An HTTP status as an error naming the URL, e.g. `HTTP 404 Not Found from https://host/2026-01-06.md`. */
export function httpStatusError(response: Response, url: string): PaperboyError {
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
  return new PaperboyError("http_status", `${status} from ${redactUrl(url)}`, { status: response.status, url: redactUrl(url) });
}

/** The origin of a URL template (`{date}` filled with a placeholder), or null when it is not a URL. */
export function templateOrigin(template: string): string | null {
  return /^https?:\/\//i.test(template) ? originOf(template.replaceAll("{date}", "2000-01-01")) : null;
}

export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}

function tooLarge(url: string): PaperboyError {
  return new PaperboyError("too_large", `${redactUrl(url)}: larger than a digest can be (limit ${MAX_DIGEST_BYTES / 1024 / 1024} MB)`, { url: redactUrl(url) });
}

/** fetch() rejects with "fetch failed"; the useful part (ECONNREFUSED, ENOTFOUND, a timeout) is its cause. */
function causeOf(error: unknown): string {
  if (error instanceof Error && error.name === "TimeoutError") return "timed out";
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.message && !cause.message.includes(cause.code) ? `${cause.code} (${cause.message})` : cause.message ?? cause.code;
  // fetch refuses some ports outright (https://fetch.spec.whatwg.org/#port-blocking).
  if (cause?.message === "bad port") return "bad port (fetch refuses to connect to this port)";
  if (cause?.message) return redactUrl(cause.message);
  return redactUrl(error instanceof Error ? error.message : String(error));
}
