/** Which index keys a topic is filed under: the rarest terms it cannot match without. */
import { alternativeKeys } from "./compile.js";
import type { CompiledClause, CompiledTopic } from "./compile.js";
import type { TermStats } from "./term-stats.js";

/**
 * The keys to file a topic under: for its cheapest positive clause, the rarest key of each alternative
 * (a paper that matches the topic satisfies that clause, so it has at least one of those keys).
 */
export function chooseKeys(topic: CompiledTopic, stats: TermStats): string[] {
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

