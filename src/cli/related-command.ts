/** `paperboy related <topic>`: terms the topic's papers use far more than the archive (suggestions only). */
import { relatedInArchive } from "../core/related-archive.js";
import { createTopicTools } from "../core/topic-tools.js";
import { openStore } from "../store/open-store.js";
import { cliLogger, printJson, resolveConfig, usageError, type GlobalOptions } from "./context.js";

export interface RelatedOptions extends GlobalOptions {
  limit?: string;
  minSupport?: string;
  json?: boolean;
}

function wholeNumber(value: string | undefined, fallback: number, flag: string, max: number): number {
  const n = Number(value ?? fallback);
  if (!Number.isInteger(n) || n < 1 || n > max) throw usageError(`${flag} must be a whole number from 1 to ${max}`);
  return n;
}

export async function relatedCommand(query: string, options: RelatedOptions): Promise<void> {
  const limit = wholeNumber(options.limit, 20, "--limit", 500);
  const minSupport = wholeNumber(options.minSupport, 3, "--min-support", 1000);
  const config = resolveConfig(options);
  const tools = createTopicTools();
  const parsed = tools.parseList(query);
  if (!parsed.ok) throw usageError(parsed.message);
  if (parsed.topics.length !== 1) throw usageError("related takes one topic (no commas)");
  const store = await openStore(config.db, { logger: cliLogger(config) });
  try {
    await store.migrate();
    const report = await relatedInArchive(store, tools, parsed.topics[0]!, { limit, minSupport });
    if (options.json) {
      printJson(report);
      return;
    }
    process.stdout.write(`${report.matching} papers match ${report.topic} (of ${report.all} counted); terms they use more than the archive:\n`);
    for (const t of report.terms) process.stdout.write(`  ${t.term.padEnd(28)} lift ${t.lift.toFixed(1).padStart(6)}   ${t.inMatching} / ${t.inAll}\n`);
    if (report.terms.length === 0) process.stdout.write(`  none with at least ${minSupport} matching papers (try --min-support, or ingest more digests)\n`);
    process.stdout.write("Suggestions only: review them before adding any to a topic or the synonym table.\n");
  } finally {
    await store.close();
  }
}
