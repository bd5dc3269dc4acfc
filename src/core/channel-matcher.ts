/**
 * Every channel's topics compiled into one index, kept until topics change. Delivery matches each paper
 * once against it and groups the hits by channel; each channel's `match` setting (read on every call, so
 * a changed setting applies at once) decides how much evidence its topics need.
 */
import type { ChannelMatcher } from "./delivery.js";
import type { PaperMatch } from "./match-result.js";
import type { ArchivedPaper } from "./paper.js";
import type { Store } from "./ports.js";
import type { MatchStrictness } from "./channel.js";
import { DEFAULT_SETTINGS } from "./channel.js";
import { sufficient, toPaperMatch } from "./topic-tools.js";
import type { IndexMatch } from "./topics/index/index-match.js";
import { TopicIndex } from "./topics/index/topic-index.js";
import { preparePaper } from "./topics/text/prepare.js";
import { asLikeTopic, loadLikeContext } from "./like-context.js";
import { matchLikeTopics, type LikeCheck, type LikeTopic } from "./like-match.js";
import type { Paper } from "./paper.js";

export function createChannelMatcher(store: Store): ChannelMatcher & { invalidate(): void } {
  let cached: { index: TopicIndex<number>; channelOf: Map<number, string>; likeTopics: Array<LikeTopic<number>> } | null = null;
  // Example papers of like: topics, by id: kept across rebuilds (an archived paper does not change).
  const examples = new Map<string, Paper | null>();

  async function load() {
    if (cached) return cached;
    const index = new TopicIndex<number>();
    const channelOf = new Map<number, string>();
    const likeTopics: Array<LikeTopic<number>> = [];
    for (const topic of await store.allTopics()) {
      // like: topics have no word key: a small list checked per paper (like-match.ts), not the index.
      const like = asLikeTopic(topic.text);
      if (like !== null) {
        likeTopics.push({ id: topic.id, topic: like });
        channelOf.set(topic.id, topic.channelId);
        continue;
      }
      // Topics were validated when subscribed; one that no longer compiles (limits changed) is skipped.
      if (index.add(topic.id, topic.text) === null) channelOf.set(topic.id, topic.channelId);
    }
    cached = { index, channelOf, likeTopics };
    return cached;
  }

  return {
    invalidate() {
      cached = null;
    },
    async matchAll(papers: ArchivedPaper[]): Promise<Map<string, PaperMatch[]>> {
      const { index, channelOf, likeTopics } = await load();
      // Per run, so the vocabulary includes the digest being delivered (cached until the digests change).
      const like = likeTopics.length === 0 ? null : (await loadLikeContext(store, likeTopics.map((t) => t.topic.text), examples)).context;
      // One query for every channel's setting (not one per channel: a run may serve thousands).
      const strictnessOf = new Map<string, MatchStrictness>();
      for (const channel of await store.listChannels()) strictnessOf.set(channel.id, channel.settings.match);
      const byChannel = new Map<string, PaperMatch[]>();
      for (const paper of papers) {
        const perChannel = new Map<string, Array<IndexMatch<number>>>();
        const prepared = preparePaper(paper);
        const strictnessOfTopic = (id: number) => strictnessOf.get(channelOf.get(id) ?? "") ?? DEFAULT_SETTINGS.match;
        const likesOf = new Map<string, Array<{ id: number; check: LikeCheck }>>();
        for (const hit of like === null ? [] : matchLikeTopics(likeTopics, prepared, like, strictnessOfTopic)) {
          const channelId = channelOf.get(hit.id)!;
          likesOf.set(channelId, [...(likesOf.get(channelId) ?? []), hit]);
          if (!perChannel.has(channelId)) perChannel.set(channelId, []);
        }
        for (const hit of index.matchPaper(prepared)) {
          const channelId = channelOf.get(hit.id);
          if (channelId === undefined) continue;
          const list = perChannel.get(channelId);
          if (list) list.push(hit);
          else perChannel.set(channelId, [hit]);
        }
        for (const [channelId, candidates] of perChannel) {
          const hits = sufficient(candidates, strictnessOf.get(channelId) ?? DEFAULT_SETTINGS.match);
          const likes = likesOf.get(channelId) ?? [];
          if (hits.length === 0 && likes.length === 0) continue;
          const list = byChannel.get(channelId);
          const match = toPaperMatch(paper, hits, likes);
          if (list) list.push(match);
          else byChannel.set(channelId, [match]);
        }
      }
      return byChannel;
    },
  };
}
