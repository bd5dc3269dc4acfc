/**
 * Limits-aware packing shared by the platform renderers: long text is split at the gentlest boundary that
 * works (paragraph → line → sentence → word → character), and rendered sections are packed into as few
 * messages as the platform's per-message limits allow. Splitting is always preferred to truncating or to
 * letting the platform reject the message.
 *
 * Platform-neutral: a renderer supplies its own `measure` (e.g. the escaped length of a piece of text)
 * and its own limits.
 */

/** Length of a piece of text as the platform counts it. Must be additive over concatenation. */
export type Measure = (text: string) => number;

const codePointLength: Measure = (text) => text.length;

// Boundaries from the gentlest to the hardest. Each regex matches the separator a piece may end with; the
// separator stays attached to the preceding piece so that joining the pieces gives back the text.
const BOUNDARIES: RegExp[] = [
  /\n[ \t]*\n\s*/g, // paragraph
  /\n/g, // line
  /(?<=[.!?])\s+|(?<=[。！？；])/g, // sentence (Latin punctuation + space, or CJK full stops)
  /\s+/g, // word
];

/**
 * Splits `text` into chunks whose measure is at most `max`, preferring paragraph, then line, sentence and
 * word boundaries, and splitting inside a word only when a single word is longer than `max`. Chunks are
 * trimmed; empty chunks are dropped. Nothing else is lost: the chunks hold every non-space character.
 */
export function splitText(text: string, max: number, measure: Measure = codePointLength): string[] {
  if (max < 1) throw new RangeError(`splitText: max must be positive, got ${max}`);
  const trimmed = text.trim();
  if (trimmed === "") return [];
  if (measure(trimmed) <= max) return [trimmed];
  return splitAt(trimmed, max, measure, 0).map((chunk) => chunk.trim()).filter((chunk) => chunk !== "");
}

function splitAt(text: string, max: number, measure: Measure, level: number): string[] {
  if (measure(text.trim()) <= max) return [text];
  const boundary = BOUNDARIES[level];
  if (boundary === undefined) return hardSplit(text, max, measure);
  const pieces = piecesOf(text, boundary);
  if (pieces.length === 1) return splitAt(text, max, measure, level + 1);

  const chunks: string[] = [];
  let current = "";
  let currentSize = 0;
  for (const piece of pieces) {
    const size = measure(piece);
    // The trailing separator of a piece never counts against the limit: chunks are trimmed afterwards.
    const sizeTrimmed = measure(piece.trimEnd());
    if (currentSize + sizeTrimmed <= max) {
      current += piece;
      currentSize += size;
      continue;
    }
    if (current !== "") chunks.push(current);
    if (sizeTrimmed <= max) {
      current = piece;
      currentSize = size;
    } else {
      const parts = splitAt(piece, max, measure, level + 1);
      const last = parts.pop() ?? "";
      chunks.push(...parts);
      current = last;
      currentSize = measure(last);
    }
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

function piecesOf(text: string, boundary: RegExp): string[] {
  const pieces: string[] = [];
  let start = 0;
  boundary.lastIndex = 0;
  for (const match of text.matchAll(boundary)) {
    const end = match.index + match[0].length;
    if (end === start || end >= text.length) continue;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}

/** Last resort: cut between code points (never inside a surrogate pair). */
function hardSplit(text: string, max: number, measure: Measure): string[] {
  const chunks: string[] = [];
  let current = "";
  let currentSize = 0;
  for (const char of text) {
    const size = measure(char);
    if (currentSize + size > max && current !== "") {
      chunks.push(current);
      current = "";
      currentSize = 0;
    }
    current += char;
    currentSize += size;
  }
  if (current !== "") chunks.push(current);
  return chunks;
}

/** Cuts `text` to at most `max` (measured) with an ellipsis, at a word boundary when one is near. */
export function truncate(text: string, max: number, measure: Measure = codePointLength, ellipsis = "…"): string {
  if (measure(text) <= max) return text;
  const room = max - measure(ellipsis);
  if (room <= 0) return ellipsis.slice(0, Math.max(0, max));
  let out = "";
  let size = 0;
  for (const char of text) {
    const charSize = measure(char);
    if (size + charSize > room) break;
    out += char;
    size += charSize;
  }
  const lastSpace = out.search(/\s\S*$/);
  if (lastSpace > out.length * 0.7) out = out.slice(0, lastSpace);
  return out.trimEnd() + ellipsis;
}

// ---------------------------------------------------------------- packing

/** One rendered unit (a block, an embed…) with what it costs against the message limits. */
export interface PackItem<T> {
  value: T;
  /** How many of the message's countable slots it uses (blocks, embeds). */
  count: number;
  /** How much of the message's size budget it uses (characters). */
  size: number;
  /** Rows of buttons it brings along (Discord action rows); none when absent. */
  rows?: number;
}

export interface PackLimits {
  /** Most slots per message (Slack: 50 blocks; Discord: 10 embeds). */
  maxCount: number;
  /** Size budget per message. */
  maxSize: number;
  /** Most rows of buttons per message (Discord: 5 action rows); unlimited when absent. */
  maxRows?: number;
}

export interface PackedItem<T> {
  value: T;
  /** Index of the section the item came from. */
  section: number;
}

/**
 * Packs sections (e.g. one card = several blocks) into messages, in order. A section stays in one message
 * when it fits in an empty one; a section too big for any message is split between its items. Every item
 * must fit in an empty message on its own (the renderer splits text first) — otherwise this throws, since
 * that is a renderer bug, not a property of the input.
 */
export function packSections<T>(sections: Array<Array<PackItem<T>>>, limits: PackLimits): Array<Array<PackedItem<T>>> {
  const messages: Array<Array<PackedItem<T>>> = [];
  let current: Array<PackedItem<T>> = [];
  let count = 0;
  let size = 0;
  let rows = 0;
  const maxRows = limits.maxRows ?? Infinity;
  const flush = (): void => {
    if (current.length > 0) messages.push(current);
    current = [];
    count = 0;
    size = 0;
    rows = 0;
  };
  const add = (item: PackItem<T>, section: number): void => {
    const itemRows = item.rows ?? 0;
    if (item.count > limits.maxCount || item.size > limits.maxSize || itemRows > maxRows) {
      throw new RangeError(`packSections: one item (count ${item.count}, size ${item.size}, rows ${itemRows}) exceeds the message limits`);
    }
    if (count + item.count > limits.maxCount || size + item.size > limits.maxSize || rows + itemRows > maxRows) flush();
    current.push({ value: item.value, section });
    count += item.count;
    size += item.size;
    rows += itemRows;
  };

  sections.forEach((items, section) => {
    const sectionCount = items.reduce((sum, item) => sum + item.count, 0);
    const sectionSize = items.reduce((sum, item) => sum + item.size, 0);
    const sectionRows = items.reduce((sum, item) => sum + (item.rows ?? 0), 0);
    const fitsEmpty = sectionCount <= limits.maxCount && sectionSize <= limits.maxSize && sectionRows <= maxRows;
    const fitsHere = count + sectionCount <= limits.maxCount && size + sectionSize <= limits.maxSize && rows + sectionRows <= maxRows;
    if (fitsEmpty && !fitsHere) flush();
    for (const item of items) add(item, section);
  });
  flush();
  return messages;
}
