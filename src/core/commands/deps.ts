/** What the command handlers need: the store, the topic tools, time and the channel defaults. */
import type { ChannelSettings, MatchStrictness, TopicRecord } from "../channel.js";
import type { LearningSource } from "../learn/learning-source.js";
import type { PaperMatch } from "../match-result.js";
import type { ArchivedPaper } from "../paper.js";
import type { Clock, SearchPlan, Store } from "../ports.js";
import type { LikeContext } from "../like-match.js";

/** The topic engine as the commands see it (implemented over src/core/topics in topic-tools.ts). */
export interface TopicTools {
  /** Splits a comma-separated list and validates each topic; the message names the position and shows an example. */
  parseList(input: string): { ok: true; topics: string[] } | { ok: false; message: string };
  /** Matches papers against one channel's topics. */
  /** `like`: the example papers of like: topics (like-context.ts); without it those topics match nothing. */
  matchTopics(topics: TopicRecord[], papers: ArchivedPaper[], strictness?: MatchStrictness, like?: LikeContext | null): PaperMatch[];
  /** The full-text prefilter for a (validated) query. */
  searchPlan(query: string): SearchPlan;
  /** Why each topic does or does not match the paper, at the channel's strictness (default balanced). */
  explain(topics: TopicRecord[], paper: ArchivedPaper, strictness?: MatchStrictness, like?: LikeContext | null): Array<{ topic: string; matched: boolean; reasons: string[] }>;
}

export interface CommandDeps {
  store: Store;
  topics: TopicTools;
  clock: Clock;
  defaults: ChannelSettings;
  limits: { maxTopicsPerChannel: number };
  /** The slash command as users type it ("/papers"). */
  command: string;
  /** Channels' votes and models, shared with delivery so both train once per change (absent: a fresh one per command). */
  learning?: LearningSource;
  /** Tells the scheduler that topics changed (the match index is rebuilt lazily). */
  onTopicsChanged?: () => void;
}
