/**
 * Realistic topics (and search queries) from the corpus vocabulary, in the topic syntax: mostly 1–3-word
 * phrases from real titles, plus acronyms as typed, category filters, exclusions, alternatives, Chinese
 * terms, authors and title-scoped terms. Seeded, and every generated text compiles.
 */
import { compileTopicText } from "../src/core/topics/engine/compile.js";
import { Random } from "./random.js";
import type { TopicFilter } from "./topic-filter.js";
import type { Vocabulary } from "./vocabulary.js";

export type TopicShape = "phrase" | "acronym" | "phrase+cat" | "exclusion" | "alternatives" | "chinese" | "cat" | "author" | "title-field";

export interface GeneratedTopic {
  text: string;
  shape: TopicShape;
}

/** Shares of each shape: a guess at a real installation, dominated by plain phrases. */
const SHAPES: Array<[TopicShape, number]> = [
  ["phrase", 0.4],
  ["acronym", 0.1],
  ["phrase+cat", 0.1],
  ["exclusion", 0.08],
  ["alternatives", 0.08],
  ["chinese", 0.08],
  ["cat", 0.04],
  ["author", 0.06],
  ["title-field", 0.06],
];

const STOPWORDS = new Set(
  "a an the of for and or in on at to by with from via using use based towards toward into over under is are be as its it this that than we our their do does can not vs versus new through without across beyond within between after before when what how why which more most".split(" "),
);
const BATCH = 20_000;
/** Single words in more titles than this are too generic for anyone to subscribe to alone. */
const MAX_SINGLE_WORD_SHARE = 0.03;

/** Candidates are drawn in batches and the batch passed through `accept` (e.g. a specificity filter). */
export function generateTopics(vocabulary: Vocabulary, count: number, seed: number, accept?: TopicFilter): GeneratedTopic[] {
  const random = new Random(seed);
  const out: GeneratedTopic[] = [];
  while (out.length < count) {
    const batch: GeneratedTopic[] = [];
    while (batch.length < Math.min(BATCH, count - out.length)) {
      const shape = pickShape(random);
      const text = build(shape, vocabulary, random);
      if (text !== null && text.length <= 200 && compileTopicText(text).ok) batch.push({ text, shape });
    }
    const kept = accept?.(batch.map((t) => t.text)) ?? batch.map(() => true);
    out.push(...batch.filter((_, i) => kept[i]));
  }
  return out.slice(0, count);
}

function pickShape(random: Random): TopicShape {
  let r = random.next();
  for (const [shape, share] of SHAPES) {
    r -= share;
    if (r < 0) return shape;
  }
  return "phrase";
}

function build(shape: TopicShape, v: Vocabulary, random: Random): string | null {
  switch (shape) {
    case "phrase":
      return phrase(v, random);
    case "acronym":
      return random.pick(v.acronyms);
    case "phrase+cat":
      return join(phrase(v, random), `cat:${random.pick(v.categories)}`);
    case "exclusion":
      return join(phrase(v, random), `-${singleWord(v, random)}`);
    case "alternatives": {
      const parts = [phrase(v, random), random.chance(0.3) ? random.pick(v.acronyms) : phrase(v, random)];
      if (random.chance(0.25)) parts.push(phrase(v, random));
      return parts.includes(null) ? null : `(${parts.join(" | ")})`;
    }
    case "chinese":
      return v.cjkTerms.length === 0 ? null : random.pick(v.cjkTerms);
    case "cat":
      return random.chance(0.15) ? `cat:${random.pick(v.categoryGroups)}` : `cat:${random.pick(v.categories)}`;
    case "author": {
      const name = random.pick(v.authors);
      return random.chance(0.6) ? `author:"${name.replaceAll('"', "")}"` : `author:${lastWord(name)}`;
    }
    case "title-field": {
      const p = phrase(v, random);
      return p === null ? null : p.includes(" ") ? `title:"${p}"` : `title:${p}`;
    }
  }
}

/** 1–3 consecutive words of a real title (sometimes an abstract), trimmed of function words at the ends. */
function phrase(v: Vocabulary, random: Random): string | null {
  const source = random.chance(0.8) ? random.pick(v.titles) : random.pick(v.abstracts);
  const length = random.chance(0.4) ? 1 : random.chance(0.75) ? 2 : 3;
  const start = random.int(Math.max(1, source.length - length + 1));
  const words = source.slice(start, start + length).map((w) => w.toLowerCase());
  if (words.length === 0 || STOPWORDS.has(words[0]!) || STOPWORDS.has(words.at(-1)!)) return null;
  if (words.some((w) => /^\d+$/.test(w) || w.length < 2)) return null;
  if (words.length === 1 && (v.titleShare.get(words[0]!) ?? 0) > MAX_SINGLE_WORD_SHARE) return null;
  return words.join(" ");
}

function singleWord(v: Vocabulary, random: Random): string | null {
  const title = random.pick(v.titles);
  const word = random.pick(title).toLowerCase();
  return STOPWORDS.has(word) || word.length < 3 || /^\d+$/.test(word) ? null : word;
}

function lastWord(name: string): string {
  return name.split(/\s+/).at(-1) ?? name;
}

function join(...parts: Array<string | null>): string | null {
  return parts.includes(null) ? null : parts.join(" ");
}
