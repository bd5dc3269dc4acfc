/**
 * What a channel's votes do to its posts right now: the effective learn mode and the channel's model.
 * Delivery and the commands share one source per process. Each call reads the channel's votes (one
 * query) and retrains only when they changed since the last model — a new vote, a changed vote — warm
 * starting from that model. Nothing is trained at start-up, per paper, or for a channel that learns `off`.
 *
 * The document frequencies (counting the archive's recent digests, the costly part: every paper's terms)
 * are shared by all channels and counted again only when a digest arrives; a channel's model is then
 * moved onto the new counts without training (ChannelModel.withVocabulary). Voted papers older than
 * those digests are scored with the shared counts (terms only they have count as rare).
 */
import type { Channel } from "../channel.js";
import type { Store } from "../ports.js";
import type { Vote, VoteCounts } from "../vote.js";
import type { ChannelModel } from "./channel-model.js";
import { effectiveLearnMode, type EffectiveLearnMode } from "./learn-mode.js";
import { archiveVocabulary, trainOnVotes } from "./load-model.js";
import type { Vocabulary } from "./tfidf.js";

export interface ChannelLearning {
  mode: EffectiveLearnMode;
  /** Null while the mode is `off` or the votes cannot train one yet (one kind only, papers gone). */
  model: ChannelModel | null;
  counts: VoteCounts;
}

/** A channel's votes and the model they train, whatever its `learn` setting (what `feedback` reports). */
export interface ChannelVotesModel {
  votes: Vote[];
  counts: VoteCounts;
  /** The model delivery uses once the channel learns; null while the votes cannot train one. */
  model: ChannelModel | null;
}

export interface LearningSource {
  forChannel(channel: Pick<Channel, "id" | "settings">): Promise<ChannelLearning>;
  /** How many models were trained so far (the cache's evidence, for tests and logs). */
  readonly trainings: number;
}

/** The source as created: `feedback` also reads the model of a channel that does not learn (yet). */
export interface VotesModelSource extends LearningSource {
  /** The same cache and training as forChannel, trained even while the mode is `off`. */
  votesModel(channelId: string): Promise<ChannelVotesModel>;
}

export type LearningStore = Pick<Store, "channelVotes" | "getPapers" | "listDigests" | "digestPapers" | "latestDigest">;

export function countVotes(votes: readonly Vote[]): VoteCounts {
  const counts: VoteCounts = { up: 0, down: 0 };
  for (const vote of votes) counts[vote.value]++;
  return counts;
}

/**
 * Changes whenever a vote is cast or changed: a new vote adds one, a changed vote moves the latest time
 * (and usually the 👍 count). Vote times have millisecond resolution, so two changes that cancel out
 * within the same millisecond are the only ones missed, and the next vote catches up.
 */
export function votesKey(votes: readonly Vote[]): string {
  let latest = "";
  let up = 0;
  for (const vote of votes) {
    if (vote.at > latest) latest = vote.at;
    if (vote.value === "up") up++;
  }
  return `${votes.length}/${up}/${latest}`;
}

interface CachedModel {
  key: string;
  vocabulary: Vocabulary;
  model: Promise<ChannelModel | null>;
}

/**
 * How many channels' models one process keeps. A model is a weight per vocabulary term (tens of thousands
 * of numbers), so an unbounded cache grows with every channel that ever voted; a thousand covers the
 * channels one instance delivers to in a round. The least recently used is dropped first and simply
 * retrains (warm start lost, same votes) the next time its channel asks.
 */
export const MAX_CACHED_CHANNELS = 1_000;

export function createLearningSource(store: LearningStore, options: { maxChannels?: number } = {}): VotesModelSource {
  const maxChannels = Math.max(1, options.maxChannels ?? MAX_CACHED_CHANNELS);
  // Insertion order is recency order: a channel used again moves to the end, the first one is the eldest.
  const cache = new Map<string, CachedModel>();
  let shared: { seq: number; vocabulary: Promise<Vocabulary> } | null = null;
  let trainings = 0;

  /** The archive's document frequencies as of its latest digest (one query to check). */
  async function currentVocabulary(): Promise<Vocabulary> {
    const seq = (await store.latestDigest())?.seq ?? 0;
    if (shared?.seq !== seq) {
      const vocabulary = archiveVocabulary(store);
      shared = { seq, vocabulary };
      vocabulary.catch(() => {
        if (shared?.vocabulary === vocabulary) shared = null;
      });
    }
    return shared.vocabulary;
  }

  async function modelFor(channelId: string, votes: readonly Vote[]): Promise<ChannelModel | null> {
    const key = votesKey(votes);
    const vocabulary = await currentVocabulary();
    const cached = cache.get(channelId);
    if (cached?.key === key) {
      if (cached.vocabulary !== vocabulary) remember(channelId, { key, vocabulary, model: cached.model.then((model) => model?.withVocabulary(vocabulary) ?? null) });
      else use(channelId, cached);
      return cache.get(channelId)!.model;
    }
    // A failed earlier training leaves no model to start from; this one starts cold.
    const previous = cached ? await cached.model.catch(() => null) : null;
    trainings++;
    const model = trainOnVotes(store, votes, previous, vocabulary).then((trained) => trained.model);
    remember(channelId, { key, vocabulary, model });
    return model;
  }

  /** Caches the entry; a store hiccup must not stick, so a failed one is dropped and the next call tries again. */
  function remember(channelId: string, entry: CachedModel): void {
    use(channelId, entry);
    entry.model.catch(() => {
      if (cache.get(channelId) === entry) cache.delete(channelId);
    });
  }

  /** Makes the entry the most recently used, dropping the least recently used beyond the cap. */
  function use(channelId: string, entry: CachedModel): void {
    cache.delete(channelId);
    cache.set(channelId, entry);
    for (const eldest of cache.keys()) {
      if (cache.size <= maxChannels) break;
      cache.delete(eldest);
    }
  }

  return {
    get trainings() {
      return trainings;
    },
    async votesModel(channelId) {
      const votes = await store.channelVotes(channelId);
      return { votes, counts: countVotes(votes), model: await modelFor(channelId, votes) };
    },
    async forChannel(channel) {
      const votes = await store.channelVotes(channel.id);
      const counts = countVotes(votes);
      const mode = effectiveLearnMode(channel.settings.learn, counts);
      if (mode === "off") return { mode, model: null, counts };
      return { mode, model: await modelFor(channel.id, votes), counts };
    },
  };
}
