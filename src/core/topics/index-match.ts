/** The index's result objects: one topic that matched one paper, with details computed on demand. */
import type { CompiledTopic } from "./compile.js";
import { topicEvidence, type TopicEvidence } from "./evidence.js";
import { describeMatch } from "./match.js";
import type { TopicMatch } from "./match.js";
import type { PreparedPaper } from "./prepare.js";

/** One topic that matched one paper. `match` (hits, spans, terms) is computed on first access. */
export class IndexMatch<Id> {
  private details: TopicMatch | null = null;
  private weighed: TopicEvidence | null = null;
  constructor(
    readonly id: Id,
    /** The topic as this id added it. */
    readonly text: string,
    readonly topic: CompiledTopic,
    readonly paper: PreparedPaper,
  ) {}

  get match(): TopicMatch {
    this.details ??= describeMatch(this.topic, this.paper, this.text);
    return this.details;
  }

  /** How strongly the paper is about the topic (computed on first access, from `match`). */
  get evidence(): TopicEvidence {
    this.weighed ??= topicEvidence(this.topic, this.paper, this.match);
    return this.weighed;
  }
}

export interface PaperMatches<Id> {
  paper: PreparedPaper;
  matches: IndexMatch<Id>[];
}
