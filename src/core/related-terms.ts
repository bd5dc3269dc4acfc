/**
 * Terms that papers about a topic use far more than the archive at large (`paperboy related`, the
 * `subscribe` hint): English words and word pairs, and Chinese words of a dictionary segmenter, ranked by
 * lift = P(term | matching paper) / P(term | any paper). Suggestions for a person to review — for the
 * synonym and concept tables, or a better topic — never applied to matching.
 */
import type { Paper, TextField } from "./paper.js";
import { segmentCjk } from "./topics/text/segment.js";
import { hasCjk, tokenize } from "./topics/text/text.js";

export interface RelatedTerm {
  /** As papers most often write it. */
  term: string;
  kind: "word" | "bigram" | "cjk";
  /** Matching papers that use it. */
  inMatching: number;
  /** Papers of the whole set (matching papers included) that use it. */
  inAll: number;
  lift: number;
}

export interface RelatedOptions {
  limit: number;
  /** Fewest matching papers a term must occur in: lift on one or two papers is noise. */
  minSupport: number;
  /** Term keys (see `termKeys`) to leave out: the topic's own words say nothing new. */
  exclude?: ReadonlySet<string>;
}

/** Function words: their pairs ("of the", "the kv") are not terms. Lift alone already sinks them as words. */
const STOP_WORDS = new Set(
  ("a an and are as at be been but by can do does for from has have how in into is it its may more most not of on or our " +
    "over such than that the their them then there these they this those through to under up via was we were what when where " +
    "which while who why will with within without both each other only also using based use used new two one three")
    .split(" "),
);

export interface Counted {
  kind: RelatedTerm["kind"];
  /** Surface forms and how often each was written. */
  forms: Map<string, number>;
  papers: number;
}

/**
 * The paper's own words: title, TL;DR, abstract. The generated motivation/method/result/conclusion retell
 * the abstract, and would triple the cost of counting an archive sample.
 */
const TERM_FIELDS = ["title", "tldr", "abstract"] as const satisfies ReadonlyArray<TextField>;

/**
 * Every term occurrence of a paper's title, TL;DR and abstract, by key: a word's stem, a pair of stems,
 * or a Chinese word. `visit(key, kind, surface)`.
 */
export function forEachPaperTerm(paper: Paper, visit: TermVisitor): void {
  for (const name of TERM_FIELDS) {
    const text = paper[name];
    if (text !== null && text !== undefined && text !== "") forEachTextTerm(text, visit);
  }
}

type TermVisitor = (key: string, kind: RelatedTerm["kind"], surface: string) => void;

function forEachTextTerm(text: string, visit: TermVisitor): void {
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!isTermWord(token.word)) continue;
    visit(token.stem, "word", token.word);
    const next = tokens[i + 1];
    // Words of one phrase only: the pair must not straddle punctuation or a Chinese run between them.
    if (next !== undefined && isTermWord(next.word) && /^[\s-]*$/.test(text.slice(token.end, next.start))) {
      visit(`${token.stem} ${next.stem}`, "bigram", `${token.word} ${next.word}`);
    }
  }
  if (hasCjk(text)) {
    for (const segment of segmentCjk(text)) if (isCjkTermWord(segment.word)) visit(segment.word, "cjk", segment.word);
  }
}

function isTermWord(word: string): boolean {
  return word.length >= 2 && !STOP_WORDS.has(word) && !/^[0-9]+$/.test(word);
}

const HAN_WORD_RE = /^\p{Script=Han}{2,}$/u;

/** Chinese words of two or more characters: single characters are particles and fragments. */
function isCjkTermWord(word: string): boolean {
  return HAN_WORD_RE.test(word);
}

/** The keys of a text's own terms (for `exclude`): a topic's words as `forEachPaperTerm` would list them. */
export function termKeys(text: string): Set<string> {
  const keys = new Set<string>();
  forEachTextTerm(text, (key) => keys.add(key));
  return keys;
}

/** Document frequencies of every term of a set of papers (see `countTerms`). */
export interface TermCounts {
  papers: number;
  terms: Map<string, Counted>;
}

export function countTerms(papers: ReadonlyArray<Paper>): TermCounts {
  const terms = new Map<string, Counted>();
  for (const paper of papers) {
    const seen = new Set<string>();
    forEachPaperTerm(paper, (key, kind, surface) => {
      let counted = terms.get(key);
      if (counted === undefined) terms.set(key, (counted = { kind, forms: new Map(), papers: 0 }));
      counted.forms.set(surface, (counted.forms.get(surface) ?? 0) + 1);
      if (!seen.has(key)) {
        seen.add(key);
        counted.papers += 1;
      }
    });
  }
  return { papers: papers.length, terms };
}

function commonestForm(forms: Map<string, number>): string {
  let best = "";
  let most = 0;
  for (const [form, count] of forms) {
    if (count > most || (count === most && form < best)) {
      best = form;
      most = count;
    }
  }
  return best;
}

/**
 * Terms ranked by lift (then by support), over `all` = the matching papers plus the background sample
 * (papers in both counted once, by id).
 */
export function relatedTerms(matching: ReadonlyArray<Paper>, background: ReadonlyArray<Paper>, options: RelatedOptions): RelatedTerm[] {
  const matchingIds = new Set(matching.map((p) => p.id));
  const all = [...matching, ...background.filter((p) => !matchingIds.has(p.id))];
  return rankRelated(countTerms(matching), countTerms(all), options);
}

/** `rankRelated` on counts made once: `all` must count every matching paper too. */
export function rankRelated(matching: TermCounts, all: TermCounts, options: RelatedOptions): RelatedTerm[] {
  if (matching.papers === 0 || all.papers === 0) return [];
  const out: RelatedTerm[] = [];
  for (const [key, counted] of matching.terms) {
    if (counted.papers < options.minSupport || options.exclude?.has(key)) continue;
    // A pair made of the topic's own words (`cache kv`) is the topic too.
    if (counted.kind === "bigram" && key.split(" ").every((stem) => options.exclude?.has(stem))) continue;
    const total = Math.max(all.terms.get(key)?.papers ?? 0, counted.papers);
    const lift = counted.papers / matching.papers / (total / all.papers);
    out.push({ term: commonestForm(counted.forms), kind: counted.kind, inMatching: counted.papers, inAll: total, lift: Math.round(lift * 100) / 100 });
  }
  return out.sort((a, b) => b.lift - a.lift || b.inMatching - a.inMatching || a.term.localeCompare(b.term)).slice(0, options.limit);
}
