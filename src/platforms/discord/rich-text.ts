/**
 * Rich paragraphs → Discord Markdown chunks within a length limit. A span is rendered as
 * open + escaped body + close, and a split inside a span closes and reopens its markers, so bold stays bold
 * across fields and messages. Text is cut with the shared `splitText` (paragraph → sentence → word).
 */
import type { Rich, Span } from "../../core/post.js";
import { splitText } from "../split.js";
import { escapeCode, escapeText, fixChunkEdges, safeUrl } from "./escape.js";

interface Piece {
  open: string;
  body: string;
  close: string;
  /** A link whose target would be lost if split: rendered as plain text when it has to be cut. */
  atomic: boolean;
}

/** Room kept free per chunk for the backslash `fixChunkEdges` may move or add. */
const EDGE_SLACK = 2;

function spanPieces(span: Span): Piece[] {
  if (span.text === "") return [];
  switch (span.kind) {
    case "text":
      return [{ open: "", body: escapeText(span.text), close: "", atomic: false }];
    case "bold":
    case "highlight":
      return wrapped(span.text, "**", escapeText);
    case "italic":
      return wrapped(span.text, "_", escapeText);
    case "code":
      return wrapped(span.text, "`", escapeCode);
    case "link": {
      const url = safeUrl(span.url);
      const label = escapeText(span.text.replace(/\s+/g, " ").trim());
      if (url === null || label === "") return [{ open: "", body: label, close: "", atomic: false }];
      return [{ open: "[", body: label, close: `](${url})`, atomic: true }];
    }
  }
}

/** Emphasis markers must hug the text (`** x**` is not bold), so surrounding whitespace stays outside. */
function wrapped(raw: string, marker: string, escape: (text: string) => string): Piece[] {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(raw)!;
  const pieces: Piece[] = [];
  if (match[1]) pieces.push({ open: "", body: " ", close: "", atomic: false });
  if (match[2]) pieces.push({ open: marker, body: escape(match[2]), close: marker, atomic: false });
  if (match[3]) pieces.push({ open: "", body: " ", close: "", atomic: false });
  return pieces;
}

/** Paragraphs (each a Rich) → pieces, with blank lines between paragraphs. */
export function paragraphPieces(paragraphs: Rich[], separator = "\n\n"): Piece[] {
  const pieces: Piece[] = [];
  for (const paragraph of paragraphs) {
    const spans = paragraph.flatMap(spanPieces);
    if (spans.length === 0) continue;
    if (pieces.length > 0) pieces.push({ open: "", body: separator, close: "", atomic: false });
    pieces.push(...spans);
  }
  return pieces;
}

/** Raw text as a single plain piece (field values from card fields). */
export function textPieces(raw: string): Piece[] {
  return raw.trim() === "" ? [] : [{ open: "", body: escapeText(raw.trim()), close: "", atomic: false }];
}

/**
 * Packs pieces into chunks of at most `limit` characters, in order, losing no text. Pieces move whole to
 * the next chunk when they fit there; longer ones are split at the gentlest boundary.
 */
export function packPieces(pieces: Piece[], limit: number): string[] {
  const max = limit - EDGE_SLACK;
  const chunks: string[] = [];
  let current = "";
  const flush = (): void => {
    if (current.trim() !== "") chunks.push(current.trim());
    current = "";
  };
  for (const original of pieces) {
    let piece = original;
    // Bounded: every pass either places the piece, flushes a non-empty chunk, or shortens the body.
    for (;;) {
      const whole = piece.open + piece.body + piece.close;
      if (current.length + whole.length <= max) {
        current += whole;
        break;
      }
      if (current.trim() !== "" && whole.length <= max) {
        flush();
        continue;
      }
      if (piece.atomic) {
        piece = { open: "", body: piece.body, close: "", atomic: false };
        continue;
      }
      const room = max - current.length - piece.open.length - piece.close.length;
      if (room < Math.min(40, max / 4) && current.trim() !== "") {
        flush();
        continue;
      }
      const body = piece.body.trimStart();
      const head = splitText(body, Math.max(1, room))[0] ?? "";
      current += piece.open + head + piece.close;
      flush();
      // splitText's first chunk is a prefix of the (already trimmed) body.
      const rest = body.slice(head.length).trimStart();
      if (rest === "") break;
      piece = { ...piece, body: rest };
    }
  }
  flush();
  return fixChunkEdges(chunks);
}

/** Convenience: paragraphs straight to chunks. */
export function richChunks(paragraphs: Rich[], limit: number): string[] {
  return packPieces(paragraphPieces(paragraphs), limit);
}
