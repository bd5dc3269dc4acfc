/**
 * Compose → render → claim for one due channel. The claim is one store transaction that stores the
 * rendered messages, reserves the papers and advances the cursor: after it, sending needs nothing else.
 */
import { isPersonal, type Channel } from "../channel.js";
import { composeDigestPost } from "../compose.js";
import { coveredDates, type DuePlan } from "../delivery-plan.js";
import type { LearningSource } from "../learn/learning-source.js";
import type { PaperMatch } from "../match-result.js";
import { errorMessage } from "../errors.js";
import type { Delivery, Log, Platform, Store } from "../ports.js";

export interface Matched {
  byChannel: Map<string, PaperMatch[]>;
  /** Paper ids of each covered digest date. */
  idsByDate: Map<string, Set<string>>;
}

export interface ClaimDeps {
  store: Pick<Store, "postedPapers" | "listTopics" | "claimDelivery">;
  command?: string;
  /** The channel's votes ordering (and with `filter`, holding back) its matches; absent = keyword order. */
  learning?: LearningSource;
  /** Where a failed model goes on record (the post then goes out in keyword order). */
  log?: Pick<Log, "warn">;
  /** The lease the claim starts with. */
  lease: () => { owner: string; until: string };
}

export type ClaimResult = { kind: "lost" } | { kind: "skipped" } | { kind: "claimed"; delivery: Delivery };

export async function composeAndClaim(deps: ClaimDeps, channel: Channel, plan: DuePlan, matched: Matched, platform: Platform): Promise<ClaimResult> {
  const { store } = deps;
  const dates = coveredDates(plan.digests);
  const inDigests = new Set(dates.flatMap((date) => [...(matched.idsByDate.get(date) ?? [])]));
  const inScope = (matched.byChannel.get(channel.id) ?? []).filter((match) => inDigests.has(match.paper.id));
  const already = await store.postedPapers(channel.id, inScope.map((match) => match.paper.id));
  const fresh = inScope.filter((match) => !already.has(match.paper.id));
  const topics = (await store.listTopics(channel.id)).map((topic) => topic.text);
  // Only a channel with matches asks its model (votes are read, a model trained only when they changed).
  const learning = fresh.length > 0 ? await learningFor(deps, channel) : null;
  const post = composeDigestPost({ dates, topics, matches: fresh, settings: channel.settings, learning, ...(deps.command ? { command: deps.command } : {}) });
  // Votes train a channel's model; a personal follow's DM has no channel to vote for, so it carries no buttons.
  post.voteButtons = !isPersonal(channel.ref);
  // Everything held back by votes still posts (the footer says so and how to see them) unless nothing matched.
  const skip = fresh.length === 0 && channel.settings.onEmpty === "skip";
  const messages = skip ? [] : platform.render(post).map((message) => ({ body: message.body, replyTo: message.replyTo }));
  const delivery = await store.claimDelivery({
    channelId: channel.id,
    slot: plan.slot,
    cursorTo: plan.cursorTo,
    digestDates: dates,
    paperIds: post.cards.map((card) => card.paperId),
    messages,
    state: skip ? "skipped" : "sending",
    lease: deps.lease(),
  });
  if (!delivery) return { kind: "lost" };
  return skip ? { kind: "skipped" } : { kind: "claimed", delivery };
}

/** A model that cannot be had (a store hiccup while training) must not hold the post back: keyword order. */
async function learningFor(deps: ClaimDeps, channel: Channel) {
  if (!deps.learning) return null;
  try {
    return await deps.learning.forChannel(channel);
  } catch (error) {
    deps.log?.warn({ channel: channel.id, err: errorMessage(error) }, "channel model unavailable; posting in keyword order");
    return null;
  }
}
