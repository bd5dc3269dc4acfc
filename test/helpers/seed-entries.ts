/** Digests made of real seed entries, for tests that need papers of a known similarity (like: topics). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./cli.js";

/** A digest holding the seed's own entries for `ids` (verbatim), under the seed's table of contents. */
export function seedEntries(seed: string, ids: string[]): string {
  const text = readFileSync(join(ROOT, "seeds", seed), "utf8");
  const [head, ...entries] = text.split(/^(?=### \[)/m);
  const picked = ids.map((id) => {
    const entry = entries.find((candidate) => candidate.includes(`(https://arxiv.org/abs/${id})`));
    if (entry === undefined) throw new Error(`seed ${seed} has no entry for ${id}`);
    return entry;
  });
  return [head, ...picked].join("");
}
