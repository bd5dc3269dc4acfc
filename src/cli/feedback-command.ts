/** `paperboy feedback <channel>`: the votes a channel has given, per paper, and what its model learned. */
import { formatChannelId, type Channel } from "../core/channel.js";
import type { TermWeight } from "../core/learn/channel-model.js";
import { effectiveLearnMode } from "../core/learn/learn-mode.js";
import { createLearningSource, type VotesModelSource } from "../core/learn/learning-source.js";
import type { Store } from "../core/ports.js";
import { channelRef, requireChannel, withStore } from "./channel-commands.js";
import { printJson, resolveConfig, type GlobalOptions } from "./context.js";

const TOP_TERMS = 10;

export interface FeedbackReport {
  channel: string;
  totals: { up: number; down: number; papers: number; voters: number };
  learn: { setting: string; effective: string };
  /** Most 👍 (net) first. `title` is null for a paper no longer in the archive. */
  papers: Array<{ id: string; title: string | null; up: number; down: number; lastVote: string }>;
  /** Null until the channel has voted both ways on papers of the archive. */
  model: { papers: number; up: number; down: number; pushingUp: TermWeight[]; pushingDown: TermWeight[] } | null;
}

export async function feedbackCommand(channel: string, options: GlobalOptions & { json?: boolean }): Promise<void> {
  const config = resolveConfig(options);
  const id = formatChannelId(channelRef(channel));
  const report = await withStore(config, async (store) => feedbackReport(store, createLearningSource(store), await requireChannel(store, id)));
  if (options.json) return printJson(report);
  printReport(report);
}

/**
 * The report from the learning source delivery uses (learning-source.ts): the same vocabulary, training and
 * cache, so the terms shown are the ones that order the channel's posts.
 */
export async function feedbackReport(store: Pick<Store, "getPapers">, learning: Pick<VotesModelSource, "votesModel">, channel: Pick<Channel, "id" | "settings">): Promise<FeedbackReport> {
  const { votes, counts, model } = await learning.votesModel(channel.id);
  const titles = new Map((await store.getPapers([...new Set(votes.map((v) => v.paperId))])).map((paper) => [paper.id, paper.title]));
  const perPaper = new Map<string, FeedbackReport["papers"][number]>();
  for (const vote of votes) {
    const entry = perPaper.get(vote.paperId) ?? { id: vote.paperId, title: titles.get(vote.paperId) ?? null, up: 0, down: 0, lastVote: vote.at };
    entry[vote.value]++;
    if (vote.at > entry.lastVote) entry.lastVote = vote.at;
    perPaper.set(vote.paperId, entry);
  }
  return {
    channel: channel.id,
    totals: { ...counts, papers: perPaper.size, voters: new Set(votes.map((v) => v.userId)).size },
    learn: { setting: channel.settings.learn, effective: effectiveLearnMode(channel.settings.learn, counts) },
    papers: [...perPaper.values()].sort((a, b) => b.up - b.down - (a.up - a.down) || b.up - a.up || a.id.localeCompare(b.id)),
    model: model ? { ...model.trainedOn, ...model.topTerms(TOP_TERMS) } : null,
  };
}

function printReport(report: FeedbackReport): void {
  const { totals, learn } = report;
  const out: string[] = [`${report.channel} — ${totals.up} 👍, ${totals.down} 👎 on ${totals.papers} papers from ${totals.voters} people · learn ${learn.setting} (now ${learn.effective})`];
  for (const paper of report.papers) out.push(`  👍 ${String(paper.up).padStart(2)}  👎 ${String(paper.down).padStart(2)}  ${paper.id}  ${paper.title ?? "(no longer in the archive)"}`);
  const terms = (list: TermWeight[]) => list.map((t) => `${t.term} (${t.weight.toFixed(2)})`).join(", ") || "–";
  if (report.model) {
    out.push(`model, trained on ${report.model.papers} papers:`, `  pushing up: ${terms(report.model.pushingUp)}`, `  pushing down: ${terms(report.model.pushingDown)}`);
  } else {
    out.push("model: not trained yet (needs votes both ways on papers in the archive)");
  }
  process.stdout.write(`${out.join("\n")}\n`);
}
