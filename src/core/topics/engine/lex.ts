/** Splits topic text into the tokens of the grammar, keeping positions for error messages. */
import type { TopicError } from "./ast.js";

export type LexToken =
  | { kind: "word"; text: string; position: number; end: number }
  | { kind: "quote"; text: string; position: number; end: number }
  | { kind: "open" | "close" | "bar"; position: number; end: number };

const SPACE_RE = /\s/u;

export type LexResult = { ok: true; tokens: LexToken[] } | { ok: false; error: TopicError };

export function lexTopic(text: string): LexResult {
  const tokens: LexToken[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (SPACE_RE.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")" || ch === "|") {
      tokens.push({ kind: ch === "(" ? "open" : ch === ")" ? "close" : "bar", position: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      const close = text.indexOf('"', i + 1);
      if (close < 0) {
        const rest = text.slice(i);
        return {
          ok: false,
          error: {
            code: "unclosed-quote",
            message: `unclosed quote at ${i + 1}: ${rest}`,
            position: i,
            example: `${text.trimEnd()}"`,
          },
        };
      }
      tokens.push({ kind: "quote", text: text.slice(i + 1, close), position: i, end: close + 1 });
      i = close + 1;
    } else {
      let j = i;
      while (j < text.length && !SPACE_RE.test(text[j]!) && !'()|"'.includes(text[j]!)) j++;
      tokens.push({ kind: "word", text: text.slice(i, j), position: i, end: j });
      i = j;
    }
  }
  return { ok: true, tokens };
}
