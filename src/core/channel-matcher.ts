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
import type { IndexMatch } from "./topics/index-match.js";
import { TopicIndex } from "./topics/index.js";
import { preparePaper } from "./topics/prepare.js";

export function createChannelMatcher(store: Store): ChannelMatcher & { invalidate(): void } {
  let cached: { index: TopicIndex<number>; channelOf: Map<number, string> } | null = null;

  async function load() {
    if (cached) return cached;
    const index = new TopicIndex<number>();
    const channelOf = new Map<number, string>();
    for (const topic of await store.allTopics()) {
      // Topics were validated when subscribed; one that no longer compiles (limits changed) is skipped.
      if (index.add(topic.id, topic.text) === null) channelOf.set(topic.id, topic.channelId);
    }
    cached = { index, channelOf };
    return cached;
  }

  return {
    invalidate() {
      cached = null;
    },
    async matchAll(papers: ArchivedPaper[]): Promise<Map<string, PaperMatch[]>> {
      const { index, channelOf } = await load();
      // One query for every channel's setting (not one per channel: a run may serve thousands).
      const strictnessOf = new Map<string, MatchStrictness>();
      for (const channel of await store.listChannels()) strictnessOf.set(channel.id, channel.settings.match);
      const byChannel = new Map<string, PaperMatch[]>();
      for (const paper of papers) {
        const perChannel = new Map<string, Array<IndexMatch<number>>>();
        for (const hit of index.matchPaper(preparePaper(paper))) {
          const channelId = channelOf.get(hit.id);
          if (channelId === undefined) continue;
          const list = perChannel.get(channelId);
          if (list) list.push(hit);
          else perChannel.set(channelId, [hit]);
        }
        for (const [channelId, candidates] of perChannel) {
          const hits = sufficient(candidates, strictnessOf.get(channelId) ?? DEFAULT_SETTINGS.match);
          if (hits.length === 0) continue;
          const list = byChannel.get(channelId);
          const match = toPaperMatch(paper, hits);
          if (list) list.push(match);
          else byChannel.set(channelId, [match]);
        }
      }
      return byChannel;
    },
  };
}
