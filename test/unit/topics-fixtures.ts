/** Hand-built papers and seed loading for the topics tests. */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseDigest } from "../../src/core/digest/parse.js";
import type { Paper } from "../../src/core/paper.js";
import { compileTopicText } from "../../src/core/topics/engine/compile.js";
import type { CompiledTopic } from "../../src/core/topics/engine/compile.js";
import { makePaper } from "../helpers/papers.js";

let next = 1;

/** A paper with only the given fields (everything else absent). */
export function paper(fields: Partial<Paper>): Paper {
  return makePaper(fields.id ?? `2601.${String(next++).padStart(5, "0")}`, fields);
}

export function compiled(text: string): CompiledTopic {
  const result = compileTopicText(text);
  if (!result.ok) throw new Error(`bad topic ${text}: ${result.error.message}`);
  return result.topic;
}

const SEEDS = fileURLToPath(new URL("../../seeds/", import.meta.url));

/** Every paper of the real seed digests (duplicates across days removed). */
export function seedPapers(): Paper[] {
  const byId = new Map<string, Paper>();
  for (const file of readdirSync(SEEDS).filter((f) => f.endsWith(".md")).sort()) {
    for (const p of parseDigest(readFileSync(SEEDS + file, "utf8"), file).papers) byId.set(p.id, p);
  }
  return [...byId.values()];
}
