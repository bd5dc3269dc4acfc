/**
 * Loads what like: topics need from the store (ports.ts): the example papers (`getPaper(s)`) and the
 * archive's TF-IDF vocabulary. Pure otherwise; only called when at least one like: topic is present, so
 * word-only channels never pay for it.
 */
import type { Paper } from "./paper.js";
import type { Store } from "./ports.js";
import type { LikeContext } from "./like-match.js";
import { archiveVocabulary, VOCABULARY_DIGESTS } from "./learn/load-model.js";
import { createSimilarity } from "./learn/similar.js";
import { buildVocabulary, type Vocabulary } from "./learn/tfidf.js";
import { compileTopicText, type CompiledTopic } from "./topics/engine/compile.js";
import { isLikeTopic, likeExampleIds } from "./topics/engine/like-clause.js";
import type { TopicLimits } from "./topics/engine/limits.js";

/** Cheap test before compiling: only text with `like:` can be a like: topic. */
const MENTIONS_LIKE = /(?:^|[\s(-])like:/i;

/** The compiled topic when `text` is a valid like: topic, else null (a word topic, or invalid). */
export function asLikeTopic(text: string, limits?: TopicLimits): CompiledTopic | null {
  if (!MENTIONS_LIKE.test(text)) return null;
  const compiled = compileTopicText(text.trim(), limits);
  return compiled.ok && isLikeTopic(compiled.topic) ? compiled.topic : null;
}

/** The example ids the texts name, each once (word topics and invalid texts name none). */
export function likeIdsOf(texts: Iterable<string>, limits?: TopicLimits): string[] {
  const ids = new Set<string>();
  for (const text of texts) for (const id of likeExampleIds(asLikeTopic(text, limits) ?? { text, clauses: [] })) ids.add(id);
  return [...ids];
}

export interface LoadedLikeContext {
  /** Null when the texts name no example paper. */
  context: LikeContext | null;
  /** Ids the archive does not have. */
  missing: string[];
}

/**
 * `examples`: a cache by paper id kept by the caller (the channel matcher keeps it across rebuilds: a
 * paper in the archive does not change). Null marks an id the archive did not have.
 */
export async function loadLikeContext(store: Store, texts: Iterable<string>, examples: Map<string, Paper | null> = new Map()): Promise<LoadedLikeContext> {
  const ids = likeIdsOf(texts);
  if (ids.length === 0) return { context: null, missing: [] };
  const unknown = ids.filter((id) => examples.get(id) == null);
  if (unknown.length > 0) {
    const found = new Map((await store.getPapers(unknown)).map((paper) => [paper.id, paper]));
    for (const id of unknown) examples.set(id, found.get(id) ?? null);
  }
  const present = new Map<string, Paper>();
  for (const id of ids) {
    const paper = examples.get(id);
    if (paper != null) present.set(id, paper);
  }
  const missing = ids.filter((id) => !present.has(id));
  return { context: { similarity: createSimilarity(await digestsVocabulary(store)), examples: present }, missing };
}

/**
 * The archive's vocabulary, rebuilt only when the latest digests change: reading and tokenising a few
 * thousand papers takes seconds, and `why`, `digest` and `subscribe` with a like: topic all need it. An
 * example older than those digests is not counted in them: its rare terms then weigh a little more.
 */
const vocabularies = new WeakMap<Store, { key: string; vocabulary: Vocabulary }>();

async function digestsVocabulary(store: Store): Promise<Vocabulary> {
  const key = (await store.listDigests(VOCABULARY_DIGESTS)).map((digest) => `${digest.seq}:${digest.hash}`).join(",");
  const cached = vocabularies.get(store);
  if (cached?.key === key) return cached.vocabulary;
  const vocabulary = await archiveVocabulary(store);
  vocabularies.set(store, { key, vocabulary });
  return vocabulary;
}

/** Without an archive (`paperboy match <topic> <files>`): the examples and the vocabulary come from `papers`. */
export function likeContextFrom(papers: readonly Paper[], texts: Iterable<string>): LoadedLikeContext {
  const ids = likeIdsOf(texts);
  if (ids.length === 0) return { context: null, missing: [] };
  const byId = new Map(papers.map((paper) => [paper.id, paper]));
  const examples = new Map<string, Paper>();
  for (const id of ids) {
    const paper = byId.get(id);
    if (paper !== undefined) examples.set(id, paper);
  }
  return { context: { similarity: createSimilarity(buildVocabulary(byId.values())), examples }, missing: ids.filter((id) => !examples.has(id)) };
}
