/**
 * Compose → render → claim for one due channel. The claim is one store transaction that stores the
 * rendered messages, reserves the papers and advances the cursor: after it, sending needs nothing else.
 */
import type { Channel } from "../channel.js";
import { composeDigestPost } from "../compose.js";
import { coveredDates, type DuePlan } from "../delivery-plan.js";
import type { PaperMatch } from "../match-result.js";
import type { Delivery, Platform, Store } from "../ports.js";

export interface Matched {
  byChannel: Map<string, PaperMatch[]>;
  /** Paper ids of each covered digest date. */
  idsByDate: Map<string, Set<string>>;
}

export interface ClaimDeps {
  store: Pick<Store, "postedPapers" | "listTopics" | "claimDelivery">;
  command?: string;
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
  const post = composeDigestPost({ dates, topics, matches: fresh, settings: channel.settings, ...(deps.command ? { command: deps.command } : {}) });
  post.voteButtons = true;
  const skip = post.cards.length === 0 && channel.settings.onEmpty === "skip";
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
