/** The index's result objects: one topic that matched one paper, with details computed on demand. */
import type { CompiledTopic } from "./compile.js";
import { topicEvidence, type TopicEvidence } from "./evidence.js";
import { describeMatch } from "./match.js";
import type { TopicMatch } from "./match.js";
import type { PreparedPaper } from "./prepare.js";

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
  private shared: SharedDetails | null;
  constructor(
    readonly id: Id,
    /** The topic as this id added it. */
    readonly text: string,
    readonly topic: CompiledTopic,
    readonly paper: PreparedPaper,
    /** The details of the same topic and paper for other ids, when there are any (else made on first use). */
    shared: SharedDetails | null = null,
  ) {
    this.shared = shared;
  }

  get match(): TopicMatch {
    this.shared ??= new SharedDetails(this.topic, this.paper);
    return this.shared.match(this.text);
  }

  /** How strongly the paper is about the topic (computed on first access, from `match`). */
  get evidence(): TopicEvidence {
    this.shared ??= new SharedDetails(this.topic, this.paper);
    return this.shared.evidence;
  }
}

export interface PaperMatches<Id> {
  paper: PreparedPaper;
  matches: IndexMatch<Id>[];
}
