/**
 * Keeps generated topics plausible as subscriptions: a topic that alone matches more than a few percent
 * of papers (`modeling`, `cat:cs.*`) would flood its channel every day, so nobody keeps one. Measured on
 * a fixed sample of corpus papers with the real matcher, so the filter knows nothing of the index's own
 * cost estimates.
 */
import type { Paper } from "../src/core/paper.js";
import { TopicIndex } from "../src/core/topics/index/topic-index.js";
import { preparePaper } from "../src/core/topics/text/prepare.js";
import type { PreparedPaper } from "../src/core/topics/text/prepare.js";

export const SAMPLE_PAPERS = 400;
/** 5% of a ~250-paper day is ~12 papers a day from one topic alone. */
export const MAX_MATCH_SHARE = 0.05;

export type TopicFilter = (texts: readonly string[]) => boolean[];

export function specificityFilter(papers: readonly Paper[], maxShare = MAX_MATCH_SHARE): TopicFilter {
  const step = Math.max(1, Math.floor(papers.length / SAMPLE_PAPERS));
  const sample: PreparedPaper[] = [];
  for (let i = 0; i < papers.length && sample.length < SAMPLE_PAPERS; i += step) sample.push(preparePaper(papers[i]!));
  const limit = Math.floor(maxShare * sample.length);
  return (texts) => {
    const index = new TopicIndex<number>();
    texts.forEach((text, id) => index.add(id, text));
    const hits = new Array<number>(texts.length).fill(0);
    for (const paper of sample) for (const { id } of index.matchPaper(paper)) hits[id]!++;
    return hits.map((n) => n <= limit);
  };
}
