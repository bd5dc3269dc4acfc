/**
 * How strongly a paper is about a topic that occurs in it (TOPICS.md, "Matching is evidence"): a title
 * hit is strong, a TL;DR hit nearly so, each body sentence that uses the term adds once, a passing
 * mention (passing-roles.ts) adds little, and an acronym the paper defines as something else adds
 * nothing. The channel's strictness (strictness.ts) is a threshold on this score.
 */
import type { CompiledClause, CompiledTopic } from "./compile.js";
import { acronymDefinitions, unconfirmedAcronyms, type AcronymDefinition } from "./acronym-senses.js";
import type { Hit, TopicMatch } from "./match.js";
import { hyphenCompounds, keepsCompounds, withNeighbours } from "./hyphen-compounds.js";
import { passingRole } from "./passing-roles.js";
import type { PreparedPaper } from "../text/prepare.js";
import { sentenceAround } from "./sentences.js";
import { hasCjk } from "../text/text.js";

/**
 * `passing` and `member` multiply the weight of the field a hit is in; `unsupported` multiplies the TL;DR
 * and the summaries when neither the title nor an abstract sentence really uses the term (so a TL;DR hit
 * plus a summary sentence stays below one abstract sentence).
 */
export const WEIGHTS = { title: 3, tldr: 2, sentence: 1, passing: 0.2, member: 0.8, unsupported: 0.3 } as const;

/** The summaries generated from the abstract: they restate it, so they never add to it (see `bodyScore`). */
const GENERATED = new Set(["motivation", "method", "result", "conclusion"]);

export interface ClauseEvidence {
  clause: number;
  source: string;
  score: number;
  /** Whether a title hit or a field the channel typed (cat:, author:, title:) carries the clause. */
  strong: boolean;
  /** The clause's matched term, one clean form as written in the paper (title form first). */
  term: string | null;
  reasons: string[];
}

export interface TopicEvidence {
  /** The weakest positive clause's score: every clause must be evidenced. */
  score: number;
  strong: boolean;
  clauses: ClauseEvidence[];
}

export function topicEvidence(topic: CompiledTopic, paper: PreparedPaper, match: TopicMatch): TopicEvidence {
  const clauses = match.clauses.map((result) => clauseEvidence(topic.clauses[result.clause]!, result.clause, result.hits, paper));
  const score = clauses.length === 0 ? 0 : Math.min(...clauses.map((c) => c.score));
  return { score, strong: clauses.some((c) => c.strong), clauses };
}

function clauseEvidence(clause: CompiledClause, index: number, hits: Hit[], paper: PreparedPaper): ClauseEvidence {
  const base = { clause: index, source: clause.source, term: cleanTerm(hits) };
  if (clause.field === "cat" || clause.field === "author") {
    return { ...base, score: WEIGHTS.title, strong: true, reasons: [clause.field === "cat" ? "category clause" : "author clause"] };
  }
  const reasons: string[] = [];
  const otherSense = otherSenses(clause, hits, paper);
  const unconfirmed = unconfirmedAcronyms(clause, hits, paper);
  let title = 0;
  let titleVia: string | null = null;
  const sentences = new Map<string, { field: string; weight: number; passing: boolean; quote: string }>();
  const paths = new Set<string>();
  const compounds = hyphenCompounds(clause.source);
  let splitCompound: string | null = null;
  for (const hit of hits) {
    if (otherSense.has(normalizedWord(hit.text))) continue;
    if (compounds.length > 0 && hit.via === undefined && !keepsCompounds(compounds, withNeighbours(fieldText(paper, hit.field), hit.start, hit.end))) {
      splitCompound ??= hit.text;
      continue;
    }
    // A member typed in capitals (CLIP) written otherwise is another word ("video clip", "CT-Clip").
    if (hit.capitals === true && !inCapitals(hit.text)) continue;
    const member = hit.via === undefined ? 1 : WEIGHTS.member;
    if (hit.field === "title") {
      if (WEIGHTS.title * member > title) {
        title = WEIGHTS.title * member;
        titleVia = hit.via ?? null;
      }
      continue;
    }
    const text = fieldText(paper, hit.field);
    const sentence = sentenceAround(text, hit.start, hit.end);
    const body = text.slice(sentence.start, sentence.end);
    const bare = unconfirmed.has(normalizedWord(hit.text));
    const passing = bare || passingRole(body, hit.start - sentence.start, hit.end - sentence.start) !== null;
    const weight = (hit.field === "tldr" ? WEIGHTS.tldr : WEIGHTS.sentence) * member * (passing ? WEIGHTS.passing : 1);
    if (!passing && hit.via !== undefined) paths.add(hit.via);
    const key = `${hit.field}:${sentence.start}`;
    const known = sentences.get(key);
    // A sentence counts once, by its strongest use: one substantive use makes it substantive.
    if (known === undefined) sentences.set(key, { field: hit.field, weight, passing, quote: quoteAround(text, hit, sentence) });
    else if (weight > known.weight) Object.assign(known, { weight, passing });
  }
  if (titleVia !== null) paths.add(titleVia);
  if (splitCompound !== null && sentences.size === 0 && title === 0) reasons.push(`the words of '${compounds.map((c) => c.join("-")).join("', '")}' stand apart here: '${splitCompound}'`);
  for (const acronym of unconfirmed) reasons.push(`'${acronym.toUpperCase()}' is never spelled out here, nor its words`);
  for (const definition of otherSense.values()) reasons.push(`'${definition.acronym.toUpperCase()}' is defined here as '${definition.expansion}'`);
  let tldr = 0;
  let abstract = 0;
  let generated = 0;
  const passingQuotes: string[] = [];
  let substantive = 0;
  for (const s of sentences.values()) {
    if (s.passing) passingQuotes.push(s.quote);
    else substantive++;
    if (s.field === "tldr") tldr = Math.max(tldr, s.weight);
    else if (GENERATED.has(s.field)) generated += s.weight;
    else abstract += s.weight;
  }
  // The TL;DR and the summaries are written from the abstract by a model: a term the abstract never
  // really uses (nor the title) is the summariser's word more than the authors'.
  const substantiveIn = (generatedSide: boolean): number => [...sentences.values()].filter((s) => !s.passing && s.field !== "tldr" && GENERATED.has(s.field) === generatedSide).length;
  const unsupported = title === 0 && substantiveIn(false) === 0 && abstractCouldSay(clause, paper);
  const factor = unsupported ? WEIGHTS.unsupported : 1;
  const body = Math.max(abstract, generated * factor);
  const score = round(title + tldr * factor + body);
  if (title > 0) reasons.unshift(clause.field === "title" ? "title clause" : "title hit");
  if (tldr > WEIGHTS.passing) reasons.push("TL;DR hit");
  const bodySentences = generated > abstract ? substantiveIn(true) : substantiveIn(false);
  if (bodySentences > 0) reasons.push(plural(bodySentences, generated > abstract ? "summary sentence" : "abstract sentence"));
  for (const path of paths) reasons.push(path);
  if (unsupported && tldr + generated > 0) reasons.push("not in the title or an abstract sentence: the TL;DR and summaries count less");
  if (passingQuotes.length > 0 && substantive === 0) reasons.push(`only mentioned in passing: ${passingQuotes.slice(0, 2).map((q) => `'${q}'`).join(", ")}`);
  else if (passingQuotes.length > 0) reasons.push(`also in passing: '${passingQuotes[0]}'`);
  return { ...base, score, strong: title > 0, reasons };
}

/** Acronyms of the clause the paper defines with words the clause does not match, by lower-case acronym. */
function otherSenses(clause: CompiledClause, hits: Hit[], paper: PreparedPaper): Map<string, AcronymDefinition> {
  const out = new Map<string, AcronymDefinition>();
  // Without an expansion in the clause there is no sense to compare with.
  if (clause.alternatives.length < 2) return out;
  const acronyms = new Set<string>();
  for (const alt of clause.alternatives) if (alt.kind === "phrase" && alt.words.length === 1 && alt.words[0]!.kind === "exact") acronyms.add(alt.words[0]!.word);
  if (acronyms.size === 0 || !hits.some((h) => acronyms.has(normalizedWord(h.text)))) return out;
  for (const definition of acronymDefinitions(paper)) {
    if (!acronyms.has(definition.acronym)) continue;
    const agrees = hits.some((h) => h.field === definition.field && h.start < definition.end && h.end > definition.start);
    if (!agrees) out.set(definition.acronym, definition);
  }
  return out;
}

/** Written in capitals: "CLIP", "LLaVA", "VLMs" — not "clip" nor "Clip" (a capital only where a sentence or name starts). */
function inCapitals(text: string): boolean {
  return (text.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
}

function normalizedWord(text: string): string {
  const word = text.toLowerCase();
  return word.endsWith("s") && word.length > 2 ? word.slice(0, -1) : word;
}

/**
 * Whether the abstract could carry the clause: it has text, in a script the clause can match (a Chinese
 * term without an English form cannot be in an English abstract, so its TL;DR hit keeps its weight).
 */
function abstractCouldSay(clause: CompiledClause, paper: PreparedPaper): boolean {
  const abstract = fieldText(paper, "abstract");
  if (abstract.trim() === "") return false;
  return clause.alternatives.some((alt) => alt.kind === "phrase") || hasCjk(abstract);
}

function fieldText(paper: PreparedPaper, field: string): string {
  return paper.fields.find((f) => f.name === field)?.text ?? "";
}

/** A few words either side of the hit, within its sentence: `…baselines such as CLIP and…`. */
function quoteAround(text: string, hit: Hit, sentence: { start: number; end: number }): string {
  const before = text.slice(sentence.start, hit.start).split(/\s+/).slice(-4).join(" ");
  const after = text.slice(hit.end, sentence.end).split(/\s+/).slice(0, 3).join(" ");
  return `…${before}${hit.text}${after}…`.replace(/\s+/g, " ");
}

/**
 * One term for the clause, without punctuation fragments (`KV) caches` → `KV caches`): the title's form,
 * else the most frequent form.
 */
export function cleanTerm(hits: readonly Hit[]): string | null {
  const counts = new Map<string, { form: string; count: number; title: boolean }>();
  for (const hit of hits) {
    if (hit.field === "cat" || hit.field === "author") continue;
    const form = hit.text.replace(/[^\p{L}\p{N}]+/gu, (sep) => (sep === "-" ? "-" : " ")).trim();
    if (form === "") continue;
    const key = form.toLowerCase();
    const known = counts.get(key);
    if (known === undefined) counts.set(key, { form, count: 1, title: hit.field === "title" });
    else known.count++;
  }
  let best: { form: string; count: number; title: boolean } | null = null;
  for (const c of counts.values()) {
    if (best === null || (c.title && !best.title) || (c.title === best.title && c.count > best.count)) best = c;
  }
  if (best !== null) return best.form;
  const first = hits[0];
  return first === undefined ? null : first.text;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
