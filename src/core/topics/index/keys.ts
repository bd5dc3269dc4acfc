/**
 * Index keys: the one place that spells them. A paper lists keys for what it contains (prepare.ts), a
 * topic is filed under keys it cannot match without (choose-keys.ts), and the index looks one up in the
 * other (index.ts). Keys are strings because they are Map keys by the hundred thousand, but every key is
 * built by `encodeKey` (or a builder below) and read back by `decodeKey`: no other file knows a prefix.
 *
 * Spelling: a word stem is the bare stem (stems never hold a colon); every other kind is a one-letter
 * prefix and a colon.
 */

export type IndexKey =
  /** A word anywhere in the paper's text, by stem. */
  | { readonly kind: "word"; readonly stem: string }
  /** A word of the title, by stem (`title:` topics are filed here, not under words of every abstract). */
  | { readonly kind: "title"; readonly stem: string }
  /** A word of an author's name, as written (lower-cased). */
  | { readonly kind: "author"; readonly word: string }
  /** A category, or a category prefix (`cs.*`: every `cs.` category). */
  | { readonly kind: "category"; readonly value: string; readonly prefix: boolean }
  /** One CJK character, or a run of two or three neighbouring ones (separators dropped), by code point. */
  | { readonly kind: "cjk"; readonly codes: readonly number[] }
  /** Two neighbouring words, by stem, in order (strict phrases). */
  | { readonly kind: "pair"; readonly first: string; readonly second: string }
  /**
   * Two words within `NEAR_DISTANCE` token positions of each other, in either order (flexible phrases).
   * Spelled with the stems sorted, so both orders are one key.
   */
  | { readonly kind: "near"; readonly first: string; readonly second: string }
  /**
   * A `like:<arXiv id>` clause's key. No paper lists it: a like: topic filed in a word index is never
   * verified there (it is matched by similarity, like-match.ts) rather than verified against every paper.
   */
  | { readonly kind: "example"; readonly id: string }
  /** Another key, for papers of one category only (`llm serving cat:cs.DC`). */
  | { readonly kind: "qualified"; readonly category: string; readonly key: IndexKey };

export type IndexKeyKind = IndexKey["kind"];

/**
 * How far apart (difference of first token positions) two words may be and still list a `near` key. A
 * flexible phrase of n words spans at most n + FLEXIBLE_SLACK tokens (words.ts), so any two of its words
 * are at most n + 2 apart: `near` keys are guaranteed for phrases of two and three words.
 */
export const NEAR_DISTANCE = 5;

const PREFIX: Readonly<Record<Exclude<IndexKeyKind, "word">, string>> = {
  title: "t:",
  author: "n:",
  category: "k:",
  cjk: "c:",
  pair: "b:",
  near: "w:",
  example: "l:",
  qualified: "q:",
};

/** Separates a qualified key's category from its key (appears in neither). */
const QUALIFIER = "\u0001";

export function encodeKey(key: IndexKey): string {
  switch (key.kind) {
    case "word":
      return key.stem;
    case "title":
      return PREFIX.title + key.stem;
    case "author":
      return PREFIX.author + key.word;
    case "category":
      return PREFIX.category + key.value + (key.prefix ? "*" : "");
    case "cjk":
      return PREFIX.cjk + String.fromCodePoint(...key.codes);
    case "pair":
      return `${PREFIX.pair}${key.first} ${key.second}`;
    case "near":
      return key.first <= key.second ? `${PREFIX.near}${key.first} ${key.second}` : `${PREFIX.near}${key.second} ${key.first}`;
    case "example":
      return PREFIX.example + key.id;
    case "qualified":
      return `${PREFIX.qualified}${key.category}${QUALIFIER}${encodeKey(key.key)}`;
  }
}

export type DecodedKey = { ok: true; key: IndexKey } | { ok: false; error: { code: "unknown-key-prefix" | "malformed-key"; key: string } };

/** The key a string spells; an error (never a guess) for a prefix this module does not define. */
export function decodeKey(text: string): DecodedKey {
  const colon = text.indexOf(":");
  if (colon < 0) return text === "" ? malformed(text) : { ok: true, key: { kind: "word", stem: text } };
  if (colon !== 1) return { ok: false, error: { code: "unknown-key-prefix", key: text } };
  const rest = text.slice(2);
  switch (text[0]) {
    case "t":
      return rest === "" ? malformed(text) : { ok: true, key: { kind: "title", stem: rest } };
    case "n":
      return rest === "" ? malformed(text) : { ok: true, key: { kind: "author", word: rest } };
    case "k": {
      const prefix = rest.endsWith("*");
      return { ok: true, key: { kind: "category", value: prefix ? rest.slice(0, -1) : rest, prefix } };
    }
    case "c": {
      const codes = [...rest].map((ch) => ch.codePointAt(0)!);
      return codes.length >= 1 && codes.length <= 3 ? { ok: true, key: { kind: "cjk", codes } } : malformed(text);
    }
    case "b":
    case "w": {
      const space = rest.indexOf(" ");
      if (space <= 0 || space === rest.length - 1) return malformed(text);
      const first = rest.slice(0, space);
      const second = rest.slice(space + 1);
      return { ok: true, key: text[0] === "b" ? { kind: "pair", first, second } : { kind: "near", first, second } };
    }
    case "l":
      return rest === "" ? malformed(text) : { ok: true, key: { kind: "example", id: rest } };
    case "q": {
      const at = rest.indexOf(QUALIFIER);
      if (at <= 0) return malformed(text);
      const inner = decodeKey(rest.slice(at + 1));
      if (!inner.ok) return { ok: false, error: { code: inner.error.code, key: text } };
      return { ok: true, key: { kind: "qualified", category: rest.slice(0, at), key: inner.key } };
    }
    default:
      return { ok: false, error: { code: "unknown-key-prefix", key: text } };
  }
}

/** `decodeKey` for keys this program built itself: an unknown one is a bug, not input. */
export function decodeOwnKey(text: string): IndexKey {
  const decoded = decodeKey(text);
  if (!decoded.ok) throw new Error(`${decoded.error.code}: ${JSON.stringify(text)}`);
  return decoded.key;
}

/** The kind of a key without decoding it (for estimates and dispatch). */
export function keyKind(text: string): IndexKeyKind {
  if (text.length < 2 || text.charCodeAt(1) !== 0x3a /* : */) return "word";
  switch (text[0]) {
    case "t":
      return "title";
    case "n":
      return "author";
    case "k":
      return "category";
    case "c":
      return "cjk";
    case "b":
      return "pair";
    case "w":
      return "near";
    case "l":
      return "example";
    case "q":
      return "qualified";
    default:
      return "word";
  }
}

function malformed(key: string): DecodedKey {
  return { ok: false, error: { code: "malformed-key", key } };
}

// Builders for the keys built in hot or frequent paths (a digest lists ~100,000 of them).

export function wordKey(stem: string): string {
  return stem;
}

export function titleKey(stem: string): string {
  return PREFIX.title + stem;
}

export function authorKey(word: string): string {
  return PREFIX.author + word;
}

export function categoryKey(value: string, prefix: boolean): string {
  return PREFIX.category + value + (prefix ? "*" : "");
}

export function cjkCharsKey(...codes: number[]): string {
  return PREFIX.cjk + String.fromCodePoint(...codes);
}

export function pairKey(first: string, second: string): string {
  return encodeKey({ kind: "pair", first, second });
}

export function exampleKey(id: string): string {
  return encodeKey({ kind: "example", id });
}

export function nearKey(first: string, second: string): string {
  return encodeKey({ kind: "near", first, second });
}

export function qualifiedKey(category: string, key: string): string {
  return `${PREFIX.qualified}${category}${QUALIFIER}${key}`;
}
