/**
 * Word forms beyond the stemmer: which same-stem words are forms of one another (`sameWordForm`), the
 * prefix all those forms share (for full-text search), and hyphenated compounds (`pre-training`).
 */

// Suffix classes for `sameWordForm`: what is left of two words after their common prefix.
type SuffixClass = "base" | "agent" | "action";
const BASE_SUFFIXES = [
  ...["", "s", "es", "e", "ed", "d", "ing", "ings", "y", "ies", "ied", "ly"],
  // adjective ↔ noun: agent/agentic, retrieve/retrieval, robust/robustness, efficient/efficiency,
  // scalable/scalability, parallel/parallelism
  ...["ic", "ics", "al", "als", "ness", "t", "ce", "cy", "le", "ility", "ilities", "ism", "isms"],
];
const AGENT_SUFFIXES = ["er", "ers", "or", "ors"];
const ACTION_SUFFIXES = ["ion", "ions", "ation", "ations", "tion", "tions"];

/** Suffixes by length, so a rest is compared only with suffixes it could be. */
const SUFFIXES_BY_LENGTH: Array<{ suffixes: string[]; classes: SuffixClass[] }> = [];
for (const [list, cls] of [
  [BASE_SUFFIXES, "base"],
  [AGENT_SUFFIXES, "agent"],
  [ACTION_SUFFIXES, "action"],
] as const) {
  for (const suffix of list) {
    const bucket = (SUFFIXES_BY_LENGTH[suffix.length] ??= { suffixes: [], classes: [] });
    bucket.suffixes.push(suffix);
    bucket.classes.push(cls);
  }
}

/** Class of `word.slice(from)` without slicing (this runs for every candidate word of every topic). */
function suffixClassAt(word: string, from: number): SuffixClass | null {
  const length = word.length - from;
  if (length === 0) return "base";
  const bucket = SUFFIXES_BY_LENGTH[length];
  if (bucket === undefined) return null;
  for (let i = 0; i < bucket.suffixes.length; i++) if (word.endsWith(bucket.suffixes[i]!)) return bucket.classes[i]!;
  return null;
}

/**
 * Whether the paper's word `b` is a form of the topic's word `a`, rather than merely related: Porter maps
 * "general" and "generative", "transformer" and "transformation" to one stem, which is not what a
 * researcher means. Inflections (`cache` ↔ `caching`, `study` ↔ `studies`) and actions with their verb
 * (`quantization` ↔ `quantized`) pass. A typed verb finds its agent noun (`scheduling` → "scheduler"),
 * but a typed agent noun names a thing and finds only that thing: `accelerator` must not find
 * "accelerating training", nor `optimizer` every paper that optimizes something. An agent noun and an
 * action noun (`compiler` ↔ `compilation`) never pass.
 */
export function sameWordForm(a: string, b: string): boolean {
  if (a === b) return true;
  let p = 0;
  const n = Math.min(a.length, b.length);
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (p < 3) return false;
  // Doubled final consonant: model → modelling, plan → planned.
  const last = a.charCodeAt(p - 1);
  const fromA = a.length - p > 1 && a.charCodeAt(p) === last ? p + 1 : p;
  const fromB = b.length - p > 1 && b.charCodeAt(p) === last ? p + 1 : p;
  const ca = suffixClassAt(a, fromA);
  const cb = suffixClassAt(b, fromB);
  if (ca === null || cb === null) return false;
  if (ca === "agent") return cb === "agent";
  return ca === cb || ca === "base" || cb === "base";
}

const ALL_SUFFIXES = [...BASE_SUFFIXES, ...AGENT_SUFFIXES, ...ACTION_SUFFIXES].sort((a, b) => b.length - a.length);

/**
 * The longest prefix shared by every word `sameWordForm` accepts for `word` (for full-text prefix search,
 * which must never miss a form the matcher accepts): the word without its longest known suffix and
 * without a doubled final consonant, at least 3 characters.
 */
export function sharedPrefix(word: string): string {
  const suffix = ALL_SUFFIXES.find((s) => s !== "" && word.endsWith(s) && word.length - s.length >= 3) ?? "";
  let base = word.slice(0, word.length - suffix.length);
  if (base.length >= 4 && base[base.length - 1] === base[base.length - 2]) base = base.slice(0, -1);
  return base.length >= 3 ? base : word.slice(0, 3);
}

/**
 * First halves of hyphenated words that are also written joined (`pre-training` / `pretraining`,
 * `multi-agent` / `multiagent`). Only these form compounds: a closed list keeps the full-text prefilter
 * able to split a joined topic word back into the two words it may be written as (search-plan.ts).
 */
export const COMPOUND_PREFIXES: ReadonlySet<string> = new Set(
  ("pre post multi non co re sub super inter intra cross self semi anti over under hyper meta micro macro mini " +
    "bi tri uni de un auto bio neuro quasi pseudo ultra nano out up down on off fine back feed zero few " +
    "hard soft wide mid near trans long short high low end").split(" "),
);

/** `multivariate` → [`multi`, `variate`]: every way the word may have been hyphenated (see above). */
export function compoundSplits(word: string): Array<[string, string]> {
  const splits: Array<[string, string]> = [];
  for (let n = 2; n <= 6 && n < word.length; n++) {
    const head = word.slice(0, n);
    if (COMPOUND_PREFIXES.has(head)) splits.push([head, word.slice(n)]);
  }
  return splits;
}
