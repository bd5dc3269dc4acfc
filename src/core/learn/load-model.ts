/**
 * A channel's model from the store: its votes, the voted papers, and document frequencies counted on the
 * archive's recent digests. Delivery, the commands and the
 * CLI reach it through one LearningSource (learning-source.ts); the model itself is pure (channel-model.ts).
 */
import type { Paper } from "../paper.js";
import type { Store } from "../ports.js";
import type { Vote } from "../vote.js";
import { trainChannelModel, type ChannelModel } from "./channel-model.js";
import { buildVocabulary, type Vocabulary } from "./tfidf.js";

/** Enough recent digests for stable document frequencies (a few thousand papers), few enough to be quick. */
export const VOCABULARY_DIGESTS = 20;

export interface TrainedOnVotes {
  /** The voted papers still in the archive. */
  papers: Map<string, Paper>;
  vocabulary: Vocabulary;
  /** Null until the channel has voted both 👍 and 👎 on papers of the archive: one kind alone teaches nothing. */
  model: ChannelModel | null;
}

/** Document frequencies over the latest digests' papers and `extra`. */
export async function archiveVocabulary(store: Pick<Store, "listDigests" | "digestPapers">, extra: Iterable<Paper> = [], digests = VOCABULARY_DIGESTS): Promise<Vocabulary> {
  const papers = new Map<string, Paper>();
  for (const digest of await store.listDigests(digests)) for (const paper of await store.digestPapers(digest.date)) papers.set(paper.id, paper);
  for (const paper of extra) papers.set(paper.id, paper);
  return buildVocabulary(papers.values());
}

/**
 * The model for votes already read (delivery's cache reads them once to see whether any arrived).
 * `vocabulary`: one shared by many channels (learning-source.ts), instead of counting the archive again.
 */
export async function trainOnVotes(
  store: Pick<Store, "getPapers" | "listDigests" | "digestPapers">,
  votes: readonly Vote[],
  previous?: ChannelModel | null,
  shared?: Vocabulary,
): Promise<TrainedOnVotes> {
  const papers = new Map<string, Paper>((await store.getPapers([...new Set(votes.map((v) => v.paperId))])).map((p) => [p.id, p]));
  const vocabulary = shared ?? (await archiveVocabulary(store, papers.values()));
  const known = votes.filter((v) => papers.has(v.paperId));
  const bothKinds = known.some((v) => v.value === "up") && known.some((v) => v.value === "down");
  const model = bothKinds ? trainChannelModel({ votes, papers, vocabulary, previous: previous ?? null }) : null;
  return { papers, vocabulary, model };
}
