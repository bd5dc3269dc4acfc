/**
 * Digest text → Discord Markdown that renders literally and can never mention, ping or link.
 *
 * `escapeMarkdown` (discord.js) covers emphasis, code, spoilers and strikethrough; on top of it we escape
 * headings, lists, block quotes and every `[`/`]` (its own masked-link escape only guards the first link of
 * a line), and break mentions with a zero-width space so they stay inert even if a body were ever sent
 * without `allowed_mentions` (https://discord.com/developers/docs/reference#message-formatting).
 */
import { breakBareUrls, parseHttpUrl } from "../http-url.js";
import { escapeMarkdown } from "discord.js";

const ZWSP = "\u200b";

/** `@everyone`, `@here`, and `<@…>`, `<@&…>`, `<#…>`, `</cmd:…>`, `<:emoji:…>`, `<t:…>`, `<id:…>`. */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(?=everyone|here)/gi, `@${ZWSP}`).replace(/<(?=[@#/:]|a:|t:|id:)/g, `<${ZWSP}`);
}

/** Markdown-escaped, mention-free, link-free text for descriptions, field values and message content. */
export function escapeText(raw: string): string {
  let text = breakBareUrls(raw.replace(/\r\n?/g, "\n"));
  text = escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: false });
  text = text.replace(/[[\]]/g, "\\$&");
  text = text.replace(/^([ \t]*)(>|-#)/gm, "$1\\$2");
  return neutraliseMentions(text);
}

/**
 * Inline-code content: Markdown does not apply inside, so only backticks (which would end the span) and
 * mentions need care.
 */
export function escapeCode(raw: string): string {
  return neutraliseMentions(raw.replace(/`/g, "ˋ").replace(/\s+/g, " "));
}

/** Plain text for places that render no Markdown (embed footers, autocomplete names). */
export function plainText(raw: string): string {
  return neutraliseMentions(raw.replace(/\s+/g, " ").trim());
}

/**
 * A URL safe to use as an embed `url` or masked-link target: http(s) only, and without the characters
 * that could end the Markdown link early. Null when the value is not such a URL.
 */
export function safeUrl(raw: string): string | null {
  const url = parseHttpUrl(raw);
  if (!url) return null;
  const href = url.href.replace(/[()<>[\]\s]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
  return href.length <= 2000 ? href : null;
}

/**
 * A chunk boundary must not separate a backslash from the character it escapes, and a chunk must not
 * start with something Markdown would read as a heading, list or quote.
 */
export function fixChunkEdges(chunks: string[]): string[] {
  const out = [...chunks];
  for (let i = 0; i < out.length; i += 1) {
    const trailing = /\\+$/.exec(out[i]!)?.[0].length ?? 0;
    if (trailing % 2 === 1 && i + 1 < out.length) {
      out[i] = out[i]!.slice(0, -1);
      out[i + 1] = `\\${out[i + 1]!}`;
    }
  }
  return out.map(fixLeading).filter((chunk) => chunk !== "");
}

function fixLeading(chunk: string): string {
  if (/^(#{1,3} |[-*+] |>|-#)/.test(chunk)) return `\\${chunk}`;
  return chunk.replace(/^(\d+)\.(?= )/, "$1\\.");
}
