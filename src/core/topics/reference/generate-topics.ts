/**
 * Deterministic, realistic topics made from real papers' words, for the benchmark (100,000 topics) and
 * the index-vs-naive cross-check. Mixes the shapes people type: phrases, single words, acronyms,
 * categories, exclusions, alternatives, fields, authors and Chinese terms.
 */
import type { Paper } from "../../paper.js";
import { SYNONYM_GROUPS } from "../engine/synonyms.js";
import { tokenize } from "../text/text.js";

/** mulberry32: small, fast, and the same sequence on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STOP = new Set("the a an and or of for in on to with by from as at is are we our this that be via using based its their can which".split(" "));

export function generateTopics(papers: ReadonlyArray<Paper>, count: number, seed = 1): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  // Document frequency of words: people subscribe to topical terms, not to "results" or "propose".
  const df = new Map<string, number>();
  for (const paper of papers) {
    for (const w of new Set(tokenize(`${paper.title} ${paper.abstract ?? ""}`).map((t) => t.stem))) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const topical = (stem: string): boolean => (df.get(stem) ?? 0) <= Math.max(2, papers.length * 0.03);
  const words: string[] = [];
  const phrases: string[] = [];
  const surnames: string[] = [];
  const categories = new Set<string>(["cs.*"]);
  for (const paper of papers) {
    for (const text of [paper.title, paper.abstract ?? ""]) {
      const tokens = tokenize(text);
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        const w = text.slice(t.start, t.end);
        if (STOP.has(t.word) || /^\d+$/.test(w)) continue;
        if (w.length >= 4 && topical(t.stem)) words.push(w);
        const n = tokens[i + 1];
        if (n !== undefined && !STOP.has(n.word) && n.word.length >= 3 && (topical(t.stem) || topical(n.stem))) {
          phrases.push(`${w} ${text.slice(n.start, n.end)}`);
        }
      }
    }
    for (const author of paper.authors) {
      const last = author.trim().split(/\s+/).pop();
      if (last !== undefined && /^\p{L}{2,}$/u.test(last)) surnames.push(last);
    }
    for (const c of paper.categories) categories.add(c);
  }
  if (words.length === 0) words.push("transformer");
  if (phrases.length === 0) phrases.push("kv cache");
  if (surnames.length === 0) surnames.push("han");
  const known = SYNONYM_GROUPS.flatMap((g) => g.terms);
  const cats = [...categories];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = next();
    let topic: string;
    if (r < 0.35) topic = pick(phrases);
    else if (r < 0.55) topic = pick(words);
    else if (r < 0.63) topic = `${pick(phrases)} cat:${pick(cats)}`;
    else if (r < 0.71) topic = `${pick(words)} -${pick(words)}`;
    else if (r < 0.77) topic = `(${pick(phrases)} | ${pick(words)})`;
    else if (r < 0.81) topic = `author:${pick(surnames)}`;
    else if (r < 0.86) topic = `title:${pick(words)}`;
    else if (r < 0.93) topic = pick(known);
    else if (r < 0.96) topic = `"${pick(words)}"`;
    else topic = `${pick(words)} ${pick(words)}`;
    // Vary the case the way people type, so that identical texts do not dominate.
    out.push(next() < 0.5 ? topic.toLowerCase() : topic);
  }
  return out;
}
