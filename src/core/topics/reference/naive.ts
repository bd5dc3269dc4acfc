/**
 * The straightforward matcher: every topic verified against every paper, no index. Same semantics as
 * TopicIndex by construction (both call verifyTopic); it is the benchmark's baseline and the tests'
 * cross-check that the index never misses a match.
 */
import type { Paper } from "../../paper.js";
import type { CompiledTopic } from "../engine/compile.js";
import { IndexMatch, type PaperMatches } from "../index/index-match.js";
import { topicHolds } from "../engine/match.js";
import { preparePaper } from "../text/prepare.js";
import type { PreparedPaper } from "../text/prepare.js";

export interface NaiveTopic<Id> {
  id: Id;
  topic: CompiledTopic;
}

export function matchNaive<Id>(topics: ReadonlyArray<NaiveTopic<Id>>, papers: ReadonlyArray<Paper | PreparedPaper>): PaperMatches<Id>[] {
  return papers.map((paper) => {
    const prepared = "postings" in paper ? paper : preparePaper(paper);
    const matches: IndexMatch<Id>[] = [];
    for (const { id, topic } of topics) {
      if (topicHolds(topic, prepared)) matches.push(new IndexMatch(id, topic.text, topic, prepared));
    }
    return { paper: prepared, matches };
  });
}
