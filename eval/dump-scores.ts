/**
 * `node dist/eval/dump-scores.js [query]`: for tuning the evidence rules — every paper any labelled query
 * occurs in (broad), with its evidence score, label (TP/FP) and reasons, as JSON lines on stdout.
 * `--digests DIR` reads the digests of another folder (labels then only give the queries). Skips when
 * the labelled set is absent.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../bench/environment.js";
import { parseDigest } from "../src/core/digest/parse.js";
import type { ArchivedPaper } from "../src/core/paper.js";
import { createTopicTools } from "../src/core/topic-tools.js";
import { sentenceAround } from "../src/core/topics/engine/sentences.js";

const dir = join(repoRoot(), "..", "shared", "eval");
if (!existsSync(join(dir, "labels.json"))) {
  process.stdout.write("skipped: no labelled set\n");
  process.exit(0);
}
const labels = JSON.parse(readFileSync(join(dir, "labels.json"), "utf8")) as { queries: Array<{ query: string; relevant: string[]; notes: Record<string, string> }> };
const digestsAt = process.argv.indexOf("--digests");
const digestDir = digestsAt >= 0 ? process.argv[digestsAt + 1]! : join(dir, "digests");
const papers = readdirSync(digestDir)
  .filter((n) => n.endsWith(".md"))
  .sort()
  .flatMap((name) => {
    const digest = parseDigest(readFileSync(join(digestDir, name), "utf8"), name);
    return digest.papers.map((p): ArchivedPaper => ({ ...p, firstSeen: "", lastSeen: "" }));
  });
const tools = createTopicTools();
const only = digestsAt === 2 ? undefined : process.argv[2];
for (const q of labels.queries) {
  if (only !== undefined && q.query !== only) continue;
  const relevant = new Set(q.relevant);
  const matched = tools.matchTopics([{ id: 1, channelId: "", text: q.query, createdAt: "" }], papers, "broad");
  const seen = new Set<string>();
  for (const m of matched) {
    seen.add(m.paper.id);
    const ev = m.score % 100;
    process.stdout.write(JSON.stringify({ q: q.query, id: m.paper.id, rel: relevant.has(m.paper.id), ev: ev / 10, title: m.paper.title, reasons: m.reasons, spans: m.spans.map((s) => { const t = String((m.paper as unknown as Record<string, unknown>)[s.field] ?? ""); const b = sentenceAround(t, s.start, s.end); return `${s.field}: ${t.slice(b.start, b.end)}`; }), note: q.notes[m.paper.id] ?? "" }) + "\n");
  }
  for (const id of relevant) if (!seen.has(id)) process.stdout.write(JSON.stringify({ q: q.query, id, rel: true, ev: -1, note: q.notes[id] ?? "" }) + "\n");
}
