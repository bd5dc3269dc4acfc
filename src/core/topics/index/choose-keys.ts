/** Which index keys a topic is filed under: the rarest terms it cannot match without. */
import { alternativeKeys } from "./alternative-keys.js";
import { keyKind, qualifiedKey } from "./keys.js";
import type { IndexKeyKind } from "./keys.js";
import type { CompiledClause, CompiledTopic } from "../engine/compile.js";
import type { TermStats } from "./term-stats.js";

/**
 * The keys to file a topic under: for its cheapest positive clause, the rarest key of each alternative
 * (a paper that matches the topic satisfies that clause, so it has at least one of those keys).
 */
export function chooseKeys(topic: CompiledTopic, stats: TermStats): string[] {
  const keys = rarestClauseKeys(topic, stats);
  // A topic that also needs one of a few categories (`llm serving cat:cs.DC`) is filed under each
  // (category, key): papers of other categories never even look at it.
  const categories = requiredCategories(topic);
  if (categories === null || keys.some((k) => !QUALIFIABLE.has(keyKind(k)))) return keys;
  return categories.flatMap((category) => keys.map((key) => qualifiedKey(category, key)));
}

/** The exact categories of the topic's first positive category clause, or null (none, or prefixes). */
function requiredCategories(topic: CompiledTopic): string[] | null {
  const clause = topic.clauses.find((c) => !c.negated && c.field === "cat");
  if (clause === undefined || clause.alternatives.some((a) => a.kind !== "cat" || a.prefix)) return null;
  return [...new Set(clause.alternatives.map((a) => (a.kind === "cat" ? a.value : "")))];
}

/** Keys the index can qualify by category: those a paper lists among its `keys` (see index.ts). */
const QUALIFIABLE: ReadonlySet<IndexKeyKind> = new Set(["word", "title", "author"]);

function rarestClauseKeys(topic: CompiledTopic, stats: TermStats): string[] {
  let best: string[] = [];
  let bestCost = Infinity;
  for (const clause of topic.clauses) {
    if (clause.negated) continue;
    const { keys, cost } = clauseKeys(clause, stats);
    if (cost < bestCost) {
      best = keys;
      bestCost = cost;
    }
  }
  return [...new Set(best)];
}

function clauseKeys(clause: CompiledClause, stats: TermStats): { keys: string[]; cost: number } {
  const keys: string[] = [];
  let cost = 0;
  for (const alt of clause.alternatives) {
    const altKeys = alternativeKeys(alt, clause.field);
    let rarest = altKeys[0]!;
    let rarestFreq = stats.frequency(rarest);
    for (const key of altKeys) {
      const f = stats.frequency(key);
      if (f < rarestFreq) {
        rarest = key;
        rarestFreq = f;
      }
    }
    keys.push(rarest);
    cost += rarestFreq;
  }
  return { keys, cost };
}

