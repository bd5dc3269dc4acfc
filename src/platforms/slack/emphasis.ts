/**
 * Makes every `*bold*`, `_italic_` and `` `code` `` span land where Slack applies it.
 *
 * Slack formats a marker pair only when the character before the opening marker is the start of the text,
 * whitespace or punctuation, and the character after the closing marker is the end, whitespace or
 * punctuation; otherwise it prints the markers literally (`框架的*MoE*推理` shows both asterisks —
 * https://docs.slack.dev/messaging/formatting-message-text#basic-formatting, and Slack's own advice for
 * "bold inside a word" is that it is not supported). Only ASCII punctuation is relied on: full-width CJK
 * punctuation is not documented as a boundary.
 *
 * So, per neighbour of a highlight:
 * - a CJK character (Han, kana, hangul) or full-width punctuation gets a regular space between it and the
 *   marker: `框架的 *MoE* 推理`. Spacing Latin terms apart from CJK text is common typographic practice in
 *   Chinese, so this reads naturally; a zero-width or hair space would be invisible but is not documented
 *   as whitespace for this rule, so it could leave literal asterisks;
 * - any other non-space character (a Latin letter, a digit, `’`…) is taken into the highlight, which
 *   grows to the whole word: `KV cache` in "KV caches" bolds `*KV caches*`, not `*KV cache*s`.
 * Adjacent spans of the same style are merged first (`*a**b*` would not render either).
 */
import type { Rich, Span } from "../../core/post.js";

type Wrapped = Exclude<Span["kind"], "text" | "link">;
const isWrapped = (span: Span): span is Span & { kind: Wrapped } => span.kind !== "text" && span.kind !== "link";

const SAFE_NEIGHBOUR = /[\s!-/:-@[-`{-~]/u;
const SPACE_NEEDED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;

/** The start or end of the text, whitespace or ASCII punctuation: where Slack applies a marker. */
export function isSlackMarkerNeighbour(char: string | undefined): boolean {
  return char === undefined || SAFE_NEIGHBOUR.test(char);
}

/** Characters that join a word to a highlight instead of getting a space: not safe, not CJK. */
const joinsWord = (char: string): boolean => !isSlackMarkerNeighbour(char) && !SPACE_NEEDED.test(char);

function mergeAdjacent(rich: Rich): Span[] {
  const out: Span[] = [];
  for (const span of rich) {
    if (span.text === "") continue;
    const last = out[out.length - 1];
    if (last && last.kind === span.kind && span.kind !== "link") out[out.length - 1] = { ...last, text: last.text + span.text };
    else out.push({ ...span });
  }
  return out;
}

/** The run of word characters at the end (or start) of a string. */
function edgeRun(value: string, atEnd: boolean): string {
  const chars = [...value];
  let count = 0;
  if (atEnd) while (count < chars.length && joinsWord(chars[chars.length - 1 - count]!)) count += 1;
  else while (count < chars.length && joinsWord(chars[count]!)) count += 1;
  return atEnd ? chars.slice(chars.length - count).join("") : chars.slice(0, count).join("");
}

const lastChar = (value: string): string | undefined => [...value].at(-1);
const firstChar = (value: string): string | undefined => [...value][0];

/** A paragraph whose emphasis markers will all sit where Slack applies them (see the file comment). */
export function slackSafeEmphasis(rich: Rich): Rich {
  const spans = mergeAdjacent(rich);
  for (let i = 0; i < spans.length; i += 1) {
    const span = spans[i]!;
    if (!isWrapped(span) || span.text.trim() === "") continue;
    const before = spans[i - 1];
    if (before?.kind === "text" && /^\S/.test(span.text)) {
      const run = edgeRun(before.text, true);
      before.text = before.text.slice(0, before.text.length - run.length);
      span.text = run + span.text;
      if (!isSlackMarkerNeighbour(lastChar(before.text))) before.text += " ";
    }
    const after = spans[i + 1];
    if (after?.kind === "text" && /\S$/.test(span.text)) {
      const run = edgeRun(after.text, false);
      after.text = after.text.slice(run.length);
      span.text += run;
      if (!isSlackMarkerNeighbour(firstChar(after.text))) after.text = ` ${after.text}`;
    }
  }
  return spans.filter((span) => span.text !== "");
}
