/**
 * Runs in its own process so that only what it loads counts: reads the topic texts, optionally compiles
 * them into a TopicIndex, collects garbage and prints its memory as JSON on stdout.
 * Usage: memory-child <topics.json> <strings|index>
 */
import { readFileSync } from "node:fs";
import { TopicIndex } from "../src/core/topics/index/topic-index.js";

const [file, mode] = process.argv.slice(2);
if (file === undefined || (mode !== "strings" && mode !== "index")) throw new Error("usage: memory-child <topics.json> <strings|index>");
const topics = JSON.parse(readFileSync(file, "utf8")) as string[];
let index: TopicIndex<number> | null = null;
if (mode === "index") {
  index = new TopicIndex<number>();
  topics.forEach((text, id) => index!.add(id, text));
}
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with --expose-gc");
gc();
gc();
const usage = process.memoryUsage();
process.stdout.write(
  JSON.stringify({ topics: topics.length, indexed: index?.size ?? 0, rss: usage.rss, heapUsed: usage.heapUsed, peakRss: process.resourceUsage().maxRSS * 1024 }),
);
