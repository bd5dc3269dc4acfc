/** The parsed form of a topic (TOPICS.md, "Syntax"). Positions are 0-based offsets into the topic text. */

export const TOPIC_FIELDS = ["title", "abstract", "tldr", "author", "cat", "like"] as const;
export type TopicField = (typeof TOPIC_FIELDS)[number];

/** One way to satisfy a clause: a bare phrase (`kv cache`) or a quoted one (`"moe"`). */
export interface TermAlternative {
  /** The words as typed (bare: from the first word's start to the last word's end; quoted: inside the quotes). */
  text: string;
  /** Quoted: exact words, no synonyms, no stemming. */
  quoted: boolean;
  position: number;
}

export interface TopicClause {
  /** `-clause`: the paper must NOT contain it. */
  negated: boolean;
  /** null = the text fields (title, tldr, abstract, motivation, method, result, conclusion). */
  field: TopicField | null;
  /** One or more alternatives (`(a | b)`), any of which satisfies the clause. */
  alternatives: TermAlternative[];
  position: number;
  /** The clause as typed, for explanations (`-title:survey`). */
  source: string;
}

export interface TopicAst {
  /** The topic text, trimmed. */
  text: string;
  clauses: TopicClause[];
}

/** A syntax or limit error, as data: a greppable code, a human message and where it is. */
export interface TopicError {
  code: TopicErrorCode;
  /** Short and positioned, e.g. `unclosed quote at 7: "kv cache`. Positions in messages are 1-based. */
  message: string;
  /** 0-based offset into the topic text (the list, for list errors); -1 when not about one place. */
  position: number;
  /** A correct example to show next to the message. */
  example: string;
}

export type TopicErrorCode =
  | "empty-topic"
  | "topic-too-long"
  | "too-many-topics"
  | "unclosed-quote"
  | "empty-quote"
  | "unknown-field"
  | "missing-term"
  | "unclosed-parenthesis"
  | "unbalanced-parenthesis"
  | "empty-alternative"
  | "misplaced-bar"
  | "misplaced-operator"
  | "no-words"
  | "bad-category"
  | "bad-paper-id"
  | "no-positive-clause";

export type ParseResult = { ok: true; topic: TopicAst } | { ok: false; error: TopicError };

/** `message — e.g. example`: the one line to show a user. */
export function formatTopicError(error: TopicError): string {
  return error.example === "" ? error.message : `${error.message} — e.g. ${error.example}`;
}
