/** The index's result objects: one topic that matched one paper, with details computed on demand. */
import type { CompiledTopic } from "./compile.js";
import { describeMatch } from "./match.js";
import type { TopicMatch } from "./match.js";
import type { PreparedPaper } from "./prepare.js";

/** One topic that matched one paper. `match` (hits, spans, terms) is computed on first access. */
export class IndexMatch<Id> {
  private details: TopicMatch | null = null;
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
}

export interface PaperMatches<Id> {
  paper: PreparedPaper;
  matches: IndexMatch<Id>[];
}
