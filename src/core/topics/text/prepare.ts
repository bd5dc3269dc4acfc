/**
 * A paper tokenized once for matching against any number of topics: per field its words (with spans into
 * the original text) and hyphen compounds, word postings, and the keys the topic index looks up. CJK
 * text (most of a Chinese TL;DR and summary) is only folded when a CJK term is actually looked for.
 */
import { TEXT_FIELDS } from "../../paper.js";
import type { Paper, TextField } from "../../paper.js";
import { UNSTEMMED, cjkPairCode, cjkText, cjkTripleCode, forEachCjk, hasCjk, stemWord, tokenize } from "./text.js";
import type { StemFilter } from "./text.js";
import { COMPOUND_PREFIXES } from "./word-forms.js";
import { PREPARE_ALL, mayHoldStems } from "./prepare-needs.js";
import type { PrepareNeeds } from "./prepare-needs.js";
import type { CjkText, Token } from "./text.js";
import { authorKey, categoryKey, titleKey } from "../index/keys.js";
import { tokenKey } from "./words.js";

export type HitField = TextField | "author" | "cat";

export interface PreparedField {
  name: TextField | "author";
  text: string;
  tokens: Token[];
  /** `pre-training` as one word `pretraining` (first halves: COMPOUND_PREFIXES), by its first token. */
  compounds: Map<number, Token>;
  /** Whether the text holds CJK characters (then `fieldCjk` gives its separator-free form). */
  hasCjk: boolean;
  /** Filled by `fieldCjk` (declared up front so every field object keeps one shape: a hot path). */
  cjk: CjkText | undefined;
}

/**
 * Where a word occurs, packed in one number (a digest has ~100,000 of them): text fields
 * `field << 21 | token << 1 | compound`, authors `author << 9 | token`.
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
  /** Word stems → occurrences in `fields`; author words (author keys) → occurrences in `authors`. */
  postings: Map<string, Posting[]>;
  /** Every word, author-word and category key (CJK characters: `paperCjkChars`; pairs: `forEachBigram`). */
  keys: string[];
  /** Filled by `paperCjkChars`. */
  cjkChars: Set<number> | undefined;
}

const HYPHENS = new Set(["-", "\u2010", "\u2011"]);

/** One argument only: `papers.map(preparePaper)` must not pass the index as needs. */
export function preparePaper(paper: Paper): PreparedPaper {
  return preparePaperFor(paper, PREPARE_ALL);
}

/**
 * A paper prepared for topics that read only `needs` (see prepare-needs.ts): a field outside them keeps
 * its text (CJK search) but lists no words.
 */
export function preparePaperFor(paper: Paper, needs: PrepareNeeds): PreparedPaper {
  const postings = new Map<string, Posting[]>();
  const fields: PreparedField[] = [];
  for (const name of TEXT_FIELDS) {
    const text = paper[name];
    if (text === null || text === undefined || text === "") continue;
    const field = prepareField(name, text, needs.words.has(name) && mayHoldStems(needs, text), needs.stems);
    const index = fields.length;
    fields.push(field);
    const count = Math.min(field.tokens.length, MAX_TOKENS);
    for (let i = 0; i < count; i++) {
      const token = field.tokens[i]!;
      if (token.stem !== UNSTEMMED) addPosting(postings, tokenKey(token), textPosting(index, i, false));
    }
    for (const [i, token] of field.compounds) {
      if (i < MAX_TOKENS && token.stem !== UNSTEMMED) addPosting(postings, tokenKey(token), textPosting(index, i, true));
    }
  }
  const authors = needs.authors ? paper.authors.map((name) => prepareField("author", name, true, null)) : [];
  authors.forEach((author, index) => {
    if (index >= MAX_AUTHORS) return;
    const count = Math.min(author.tokens.length, MAX_NAME_TOKENS);
    for (let i = 0; i < count; i++) addPosting(postings, authorKey(author.tokens[i]!.word), authorPosting(index, i));
  });
  const keys = [...postings.keys()];
  // Title words again under their own keys: `title:` topics are filed there, not under words that fill
  // every abstract.
  const title = fields[0]?.name === "title" ? fields[0] : undefined;
  if (title !== undefined) {
    const stems = new Set(title.tokens.map((t) => t.stem));
    for (const compound of title.compounds.values()) stems.add(compound.stem);
    stems.delete(UNSTEMMED);
    for (const stem of stems) keys.push(titleKey(stem));
  }
  const categories = paper.categories.map((c) => c.trim().toLowerCase()).filter((c) => c !== "");
  const categoryKeys = new Set<string>();
  for (const category of categories) {
    categoryKeys.add(categoryKey(category, false));
    for (let n = 0; n <= category.length; n++) categoryKeys.add(categoryKey(category.slice(0, n), true));
  }
  keys.push(...categoryKeys);
  return { paper, fields, authors, categories, postings, keys, cjkChars: undefined };
}

/** `stems`: which words to stem (null: all; authors match by word, so theirs are all stemmed as before). */
function prepareField(name: TextField | "author", text: string, words: boolean, stems: StemFilter | null): PreparedField {
  const tokens = words ? tokenize(text, stems ?? undefined) : [];
  const compounds = new Map<number, Token>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (b.start === a.end + 1 && HYPHENS.has(text[a.end]!) && COMPOUND_PREFIXES.has(a.word)) {
      const word = a.word + b.word;
      const stem = stems === null || stems(word) ? stemWord(word) : UNSTEMMED;
      compounds.set(i, { word, stem, start: a.start, end: b.end });
    }
  }
  return { name, text, tokens, compounds, hasCjk: name !== "author" && hasCjk(text), cjk: undefined };
}

/**
 * Every pair of neighbouring words (by stem), hyphen compounds counting as one word — the pairs a
 * phrase topic may be filed under (see words.ts `bigramKey`). Visited, not stored: a digest has
 * ~100,000 of them and the index only cares about the few it has topics for.
 */
export function forEachBigram(paper: PreparedPaper, visit: (first: string, second: string) => void): void {
  for (const { tokens, compounds } of paper.fields) {
    for (let i = 0; i + 1 < tokens.length; i++) {
      visit(tokens[i]!.stem, tokens[i + 1]!.stem);
      if (compounds.size === 0) continue;
      const compound = compounds.get(i);
      if (compound === undefined) continue;
      const before = tokens[i - 1];
      const after = tokens[i + 2];
      if (before !== undefined) visit(before.stem, compound.stem);
      if (after !== undefined) visit(compound.stem, after.stem);
      const next = compounds.get(i + 2);
      if (next !== undefined) visit(compound.stem, next.stem);
    }
  }
}

function addPosting(postings: Map<string, Posting[]>, key: string, posting: Posting): void {
  const list = postings.get(key);
  if (list === undefined) postings.set(key, [posting]);
  else list.push(posting);
}

/** The field's separator-free normalized text (for CJK substring search), folded on first use. */
export function fieldCjk(field: PreparedField): CjkText | null {
  if (!field.hasCjk) return null;
  field.cjk ??= cjkText(field.text);
  return field.cjk;
}

/** Code points of every CJK character in the paper's text fields (computed on first use). */
export function paperCjkChars(paper: PreparedPaper): Set<number> {
  if (paper.cjkChars !== undefined) return paper.cjkChars;
  const chars = new Set<number>();
  for (const field of paper.fields) {
    if (field.hasCjk) forEachCjk(field.text, (code) => code >= 0 && chars.add(code));
  }
  paper.cjkChars = chars;
  return chars;
}

/**
 * Every run of two neighbouring CJK characters (separators between them dropped) as its `cjkPairCode`,
 * with the run of three it ends as its `cjkTripleCode` (-1 when it ends none, or without `triples`). Visited, not stored: the
 * index looks each up once, and a set would cost more to build than the lookups.
 */
export function forEachCjkRun(paper: PreparedPaper, triples: boolean, visit: (pair: number, triple: number) => void): void {
  for (const field of paper.fields) {
    if (!field.hasCjk) continue;
    let before = -1;
    let previous = -1;
    forEachCjk(field.text, (code) => {
      if (previous >= 0 && code >= 0) visit(cjkPairCode(previous, code), triples && before >= 0 ? cjkTripleCode(before, previous, code) : -1);
      before = previous;
      previous = code;
    });
  }
}

/** Every pair of neighbouring CJK characters (separators between them dropped), by code point. */
export function forEachCjkBigram(paper: PreparedPaper, visit: (first: number, second: number) => void): void {
  for (const field of paper.fields) {
    if (!field.hasCjk) continue;
    let previous = -1;
    forEachCjk(field.text, (code) => {
      if (previous >= 0 && code >= 0) visit(previous, code);
      previous = code;
    });
  }
}
