/** The index's result objects: one topic that matched one paper, with details computed on demand. */
import type { CompiledTopic } from "../engine/compile.js";
import { topicEvidence, type TopicEvidence } from "../engine/evidence.js";
import { describeMatch } from "../engine/match.js";
import type { TopicMatch } from "../engine/match.js";
import type { PreparedPaper } from "../text/prepare.js";

/**
 * Hits and evidence of one compiled topic in one paper, computed once for every id that added the topic
 * (the same topic in a thousand channels is described once per paper). Only the topic text as each id
 * typed it differs between them.
 */
export class SharedDetails {
  private details: TopicMatch | null = null;
  private weighed: TopicEvidence | null = null;
  /** `details` under other typed texts than the compiled topic's (`LLM` and `llm`), on first use. */
  private retitled: Map<string, TopicMatch> | null = null;
  constructor(
    readonly topic: CompiledTopic,
    readonly paper: PreparedPaper,
  ) {}

  match(text: string): TopicMatch {
    this.details ??= describeMatch(this.topic, this.paper);
    if (text === this.details.topic) return this.details;
    this.retitled ??= new Map();
    let retitled = this.retitled.get(text);
    if (retitled === undefined) this.retitled.set(text, (retitled = { ...this.details, topic: text }));
    return retitled;
  }

  /** Reads only the hits (never the typed text), so every id shares it. */
  get evidence(): TopicEvidence {
    this.weighed ??= topicEvidence(this.topic, this.paper, this.match(this.topic.text));
    return this.weighed;
  }
}

/** One topic that matched one paper. `match` (hits, spans, terms) is computed on first access. */
export class IndexMatch<Id> {
  /** The shared details once made; before that, the match of another id of this topic and paper, if any. */
  private shared: SharedDetails | IndexMatch<Id> | null;
  constructor(
    readonly id: Id,
    /** The topic as this id added it. */
    readonly text: string,
    readonly topic: CompiledTopic,
    readonly paper: PreparedPaper,
    /** A match of another id of the same topic and paper: both then share one set of details. */
    sibling: IndexMatch<Id> | null = null,
  ) {
    this.shared = sibling;
  }

  get match(): TopicMatch {
    return this.details().match(this.text);
  }

  /** How strongly the paper is about the topic (computed on first access, from `match`). */
  get evidence(): TopicEvidence {
    return this.details().evidence;
  }

  /** Made on first read (most matches are never read in detail), once for all siblings. */
  private details(): SharedDetails {
    const known = this.shared;
    if (known instanceof SharedDetails) return known;
    const made = known === null ? new SharedDetails(this.topic, this.paper) : known.details();
    this.shared = made;
    return made;
  }
}

export interface PaperMatches<Id> {
  paper: PreparedPaper;
  matches: IndexMatch<Id>[];
}
