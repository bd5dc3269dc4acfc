/**
 * A paper tokenized once for matching against any number of topics: per field its words (with spans into
 * the original text), hyphen compounds, CJK text, and the keys the topic index looks up.
 */
import { TEXT_FIELDS } from "../paper.js";
import type { Paper, TextField } from "../paper.js";
import { cjkText, hasCjk, stemWord, tokenize } from "./text.js";
import type { CjkText, Token } from "./text.js";
import { tokenKeys } from "./words.js";

export type HitField = TextField | "author" | "cat";

export interface PreparedField {
  name: TextField | "author";
  text: string;
  tokens: Token[];
  /** `pre-training` as one word `pretraining`, keyed by the index of its first token. */
  compounds: Map<number, Token>;
  /** Separator-free normalized text, only for fields holding CJK characters. */
  cjk: CjkText | null;
}

/**
 * Where a word occurs, packed in one number (a digest has ~100,000 of them): text fields
 * `field << 21 | token << 1 | compound`, authors `author << 9 | token` (see `textPosting`, `authorPosting`).
 */
export type Posting = number;

export function textPosting(field: number, token: number, compound: boolean): Posting {
  return (field << 21) | (token << 1) | (compound ? 1 : 0);
}

export function authorPosting(author: number, token: number): Posting {
  return (author << 9) | token;
}

/** Text fields past 2^20 tokens and names past 512 words are not searched (no real paper has them). */
const MAX_TOKENS = 1 << 20;
const MAX_NAME_TOKENS = 1 << 9;
const MAX_AUTHORS = 1 << 21;

export interface PreparedPaper {
  paper: Paper;
  /** The paper's non-empty text fields, in TEXT_FIELDS order. */
  fields: PreparedField[];
  /** One field per author. */
  authors: PreparedField[];
  /** Lower-cased categories, primary first. */
  categories: string[];
  /** Word keys (`s:`, `a:`) → occurrences in `fields`; author word keys (`n:`) → occurrences in `authors`. */
  postings: Map<string, Posting[]>;
  /** Every key a topic may be indexed under that this paper has (words, CJK, author words, categories). */
  keys: string[];
}

const HYPHENS = new Set(["-", "\u2010", "\u2011"]);
const CJK_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function preparePaper(paper: Paper): PreparedPaper {
  const postings = new Map<string, Posting[]>();
  const keys = new Set<string>();
  const fields: PreparedField[] = [];
  for (const name of TEXT_FIELDS) {
    const text = paper[name];
    if (text === null || text === undefined || text === "") continue;
    const field = prepareField(name, text);
    const index = fields.length;
    fields.push(field);
    const count = Math.min(field.tokens.length, MAX_TOKENS);
    for (let i = 0; i < count; i++) {
      for (const key of tokenKeys(field.tokens[i]!)) addPosting(postings, key, textPosting(index, i, false));
    }
    for (const [i, token] of field.compounds) {
      if (i < MAX_TOKENS) for (const key of tokenKeys(token)) addPosting(postings, key, textPosting(index, i, true));
    }
    if (field.cjk !== null) addCjkKeys(field.cjk.text, keys);
  }
  const authors = paper.authors.map((name) => prepareField("author", name));
  authors.forEach((author, index) => {
    if (index >= MAX_AUTHORS) return;
    const count = Math.min(author.tokens.length, MAX_NAME_TOKENS);
    for (let i = 0; i < count; i++) addPosting(postings, `n:${author.tokens[i]!.word}`, authorPosting(index, i));
  });
  for (const key of postings.keys()) keys.add(key);
  const categories = paper.categories.map((c) => c.trim().toLowerCase()).filter((c) => c !== "");
  for (const category of categories) {
    keys.add(`k:${category}`);
    for (let n = 0; n <= category.length; n++) keys.add(`k:${category.slice(0, n)}*`);
  }
  return { paper, fields, authors, categories, postings, keys: [...keys] };
}

function prepareField(name: TextField | "author", text: string): PreparedField {
  const tokens = tokenize(text);
  const compounds = new Map<number, Token>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (b.start === a.end + 1 && HYPHENS.has(text[a.end]!)) {
      const word = a.word + b.word;
      compounds.set(i, { word, stem: stemWord(word), start: a.start, end: b.end });
    }
  }
  return { name, text, tokens, compounds, cjk: hasCjk(text) ? cjkText(text) : null };
}

function addPosting(postings: Map<string, Posting[]>, key: string, posting: Posting): void {
  const list = postings.get(key);
  if (list === undefined) postings.set(key, [posting]);
  else list.push(posting);
}

/** Every CJK character and every pair of adjacent CJK characters (see compile.ts `cjkKeysOf`). */
function addCjkKeys(text: string, keys: Set<string>): void {
  let prev = "";
  for (const ch of text) {
    if (CJK_RE.test(ch)) {
      keys.add(`c:${ch}`);
      if (prev !== "") keys.add(`c:${prev}${ch}`);
      prev = ch;
    } else prev = "";
  }
}
