/** `subscribe kv cache, llm serving, moe`: commas separate topics, except inside quotes. */
import type { TopicAst, TopicError } from "./ast.js";
import { DEFAULT_TOPIC_LIMITS } from "./limits.js";
import type { TopicLimits } from "./limits.js";
import { parseTopic } from "./parse.js";

export interface TopicListItem {
  /** The topic text, trimmed. */
  text: string;
  /** 0-based offset of the trimmed topic in the input. */
  position: number;
}

/** Splits at commas outside quotes; empty pieces (`a,,b`, a trailing comma) are dropped. */
export function splitTopicList(input: string): TopicListItem[] {
  const items: TopicListItem[] = [];
  let inQuote = false;
  let start = 0;
  const push = (end: number): void => {
    const raw = input.slice(start, end);
    const text = raw.trim();
    if (text !== "") items.push({ text, position: start + (raw.length - raw.trimStart().length) });
  };
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (ch === '"') inQuote = !inQuote;
    else if ((ch === "," || ch === "，") && !inQuote) {
      // The full-width comma too: Chinese input methods type it.
      push(i);
      start = i + 1;
    }
  }
  push(input.length);
  return items;
}

export interface TopicListError {
  /** The offending topic as typed ("" for list-level errors). */
  topic: string;
  error: TopicError;
}

export type TopicListResult = { ok: true; topics: TopicAst[] } | { ok: false; errors: TopicListError[] };

/**
 * Parses a whole subscribe input. Every bad topic is reported at once; `existing` is how many topics the
 * channel has already, so the limit counts the total.
 */
export function parseTopicList(input: string, limits: TopicLimits = DEFAULT_TOPIC_LIMITS, existing = 0): TopicListResult {
  const items = splitTopicList(input);
  const errors: TopicListError[] = [];
  const topics: TopicAst[] = [];
  if (items.length === 0) {
    errors.push({ topic: "", error: { code: "empty-topic", message: "no topics given", position: 0, example: "kv cache, llm serving" } });
  }
  const total = existing + items.length;
  if (total > limits.maxTopics) {
    errors.push({
      topic: "",
      error: {
        code: "too-many-topics",
        message: `too many topics: ${total}; the limit is ${limits.maxTopics} per channel`,
        position: -1,
        example: "unsubscribe 3",
      },
    });
  }
  for (const item of items) {
    const parsed = parseTopic(item.text, limits);
    if (parsed.ok) topics.push(parsed.topic);
    else errors.push({ topic: item.text, error: parsed.error });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, topics };
}
