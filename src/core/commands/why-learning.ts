/**
 * The votes' part of `why <id>`: what the channel's model thinks of the paper, the terms that push it up
 * and down, and what that did to the paper's place in its digest (ranked up or down, or held back).
 */
import type { Channel, TopicRecord } from "../channel.js";
import type { TermWeight } from "../learn/channel-model.js";
import { percent } from "../learn/channel-order.js";
import { applyLearning, FILTER_THRESHOLD } from "../learn/combine.js";
import { AUTO_MIN_VOTES_EACH } from "../learn/learn-mode.js";
import { createLearningSource, type ChannelLearning, type LearningSource } from "../learn/learning-source.js";
import type { ArchivedPaper } from "../paper.js";
import { code, text, type Rich } from "../post.js";
import { loadLikeContext } from "../like-context.js";
import type { CommandDeps } from "./deps.js";

const EXPLAIN_TERMS = 5;
/** Contributions smaller than this move the probability by well under a point: noise, not a reason. */
const NOTICEABLE = 0.01;
const fallbackSources = new WeakMap<CommandDeps, LearningSource>();

/** The shared source, or one kept for these deps (the CLI builds deps per command). */
export function learningOf(deps: CommandDeps): LearningSource {
  if (deps.learning) return deps.learning;
  let source = fallbackSources.get(deps);
  if (!source) fallbackSources.set(deps, (source = createLearningSource(deps.store)));
  return source;
}

export async function whyLearning(deps: CommandDeps, source: LearningSource, channel: Channel, topics: TopicRecord[], paper: ArchivedPaper, matched: boolean): Promise<Rich[]> {
  if (channel.settings.learn === "off") return [];
  const learning = await source.forChannel(channel);
  const votes = `${learning.counts.up} 👍 · ${learning.counts.down} 👎`;
  if (learning.mode === "off") {
    return [[text(`Votes: ${votes}. Posts follow them once there are ${AUTO_MIN_VOTES_EACH} of each (or now: `), code(`${deps.command} set learn rank`), text(").")]];
  }
  const model = learning.model;
  if (model === null) return [[text(`Votes (learn ${learning.mode}): ${votes} — not enough to learn from yet: it takes 👍 and 👎 on papers of the archive.`)]];
  const lines: Rich[] = [[text(`Votes (learn ${learning.mode}, ${votes}): this channel's model gives the paper ${percent(model.score(paper))}.`)]];
  const explained = model.explain(paper, EXPLAIN_TERMS);
  const [pushingUp, pushingDown] = [explained.pushingUp, explained.pushingDown].map((terms) => terms.filter((term) => Math.abs(term.weight) >= NOTICEABLE)) as [TermWeight[], TermWeight[]];
  if (pushingUp.length > 0) lines.push(termsLine("Pushing up: ", pushingUp));
  if (pushingDown.length > 0) lines.push(termsLine("Pushing down: ", pushingDown));
  if (pushingUp.length === 0 && pushingDown.length === 0) lines.push([text("None of its terms weighs much in what the votes taught the model.")]);
  lines.push(matched ? await placeInDigest(deps, learning, channel, topics, paper) : [text("It matches no topic, so votes cannot bring it in: they reorder and filter matches only.")]);
  return lines;
}

function termsLine(label: string, terms: TermWeight[]): Rich {
  return [text(label), ...terms.flatMap((term, i) => [...(i === 0 ? [] : [text(", ")]), code(term.term), text(` ${term.weight > 0 ? "+" : ""}${term.weight}`)])];
}

/** Where the paper stood among its latest digest's matches by keywords, and where the votes put it. */
async function placeInDigest(deps: CommandDeps, learning: ChannelLearning, channel: Channel, topics: TopicRecord[], paper: ArchivedPaper): Promise<Rich> {
  const date = paper.lastSeen;
  // Matched as the channel's post is: its strictness and its like: examples.
  const like = (await loadLikeContext(deps.store, topics.map((topic) => topic.text))).context;
  const matches = deps.topics.matchTopics(topics, await deps.store.digestPapers(date), channel.settings.match, like);
  const position = (list: Array<{ match: { paper: { id: string } } }>) => list.findIndex((entry) => entry.match.paper.id === paper.id) + 1;
  const byKeywords = position(applyLearning(matches, "off", null).kept);
  const byVotes = position(applyLearning(matches, "rank", learning.model).kept);
  if (byKeywords === 0 || byVotes === 0) return [text(`It is not among the matches of the ${date} digest any more.`)];
  const where = `In the ${date} digest (${matches.length} ${matches.length === 1 ? "match" : "matches"})`;
  if (learning.mode === "filter" && applyLearning(matches, "filter", learning.model).heldBack.some((entry) => entry.match.paper.id === paper.id)) {
    return [text(`${where}: held back — the model gives it less than ${percent(FILTER_THRESHOLD)}; `), code(`${deps.command} digest ${date} all`), text(" lists it.")];
  }
  if (byVotes < byKeywords) return [text(`${where}: ranked up by the votes, #${byKeywords} → #${byVotes}.`)];
  if (byVotes > byKeywords) return [text(`${where}: ranked down by the votes, #${byKeywords} → #${byVotes}.`)];
  return [text(`${where}: kept at #${byKeywords}; the votes did not move it.`)];
}
