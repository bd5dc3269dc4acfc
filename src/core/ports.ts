/**
 * The four ports of the core: where digests come from, where state lives, where posts go (and commands
 * come from), and time. The core depends on these interfaces only.
 */
import type { Channel, ChannelRef, ChannelSettings, PlatformKind, TopicRecord } from "./channel.js";
import type { ArchivedPaper, Paper } from "./paper.js";
import type { Post } from "./post.js";
import type { NewVote, Vote, VoteCounts } from "./vote.js";

// ---------------------------------------------------------------- time

export interface Clock {
  now(): Date;
}

// ---------------------------------------------------------------- archive search

/**
 * A neutral full-text query derived from a topic (see topics/search-plan.ts). The store turns it into its
 * dialect (SQLite FTS5, Postgres tsvector) to fetch *candidates*; the core's matcher then verifies and
 * ranks them, so a store may return false positives but must not miss true matches.
 */
export interface SearchPlan {
  /** Every group must hold (AND). */
  all: SearchGroup[];
  /** Categories the paper must have (any of); `cs.*` style prefixes end with "*". Empty = any. */
  categories: string[];
  /** Author words (normalized) that must all appear in the authors text. */
  authorWords: string[];
}

/** One of the alternatives must hold (OR). */
export interface SearchGroup {
  any: SearchAlternative[];
}

export interface SearchAlternative {
  /** Normalized (lower-case, diacritics removed) words forming a phrase; order matters. */
  words: string[];
  /** When true, the last word may be a prefix (stemmed word forms). */
  prefix: boolean;
  /**
   * Per word (same length as `words`): this word may be a prefix. Added for topics: stemmed words and
   * acronyms (plurals) anywhere in a phrase need it, not only the last one. When present, it wins over
   * `prefix`; a store that ignores it must treat every word as a prefix to avoid misses.
   */
  prefixes?: boolean[];
  /** CJK text: match as a substring of the normalized text. */
  cjk: boolean;
  /** The words may stand apart and in any order (a flexible phrase): each must occur, not the phrase. */
  apart?: boolean;
  /** Restrict to one field (title, abstract, tldr, …); undefined = any text field. */
  field?: string;
}

// ---------------------------------------------------------------- store

export interface DigestInfo {
  /** Store-assigned, increases with every ingest that adds or changes a digest. */
  seq: number;
  date: string;
  hash: string;
  source: string;
  paperCount: number;
  ingestedAt: string;
}

export type IngestOutcome = "new" | "updated" | "unchanged";

export interface IngestResult {
  outcome: IngestOutcome;
  digest: DigestInfo;
  /** Papers not in the archive before this ingest. */
  newPapers: number;
}

export type DeliveryState = "sending" | "sent" | "skipped" | "failed";

export interface DeliveryMessage {
  index: number;
  /** The rendered platform payload, stored at claim time so that a resume sends exactly the same thing. */
  body: unknown;
  /** Index of an earlier message this one replies to (Slack thread replies), if any. */
  replyTo: number | null;
  state: "pending" | "sending" | "sent";
  /** Platform message reference once sent (Slack ts, Discord message id). */
  ref: string | null;
}

export interface Delivery {
  id: number;
  channelId: string;
  slot: string;
  state: DeliveryState;
  /** Digest dates the post covers. */
  digestDates: string[];
  paperIds: string[];
  messages: DeliveryMessage[];
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewDelivery {
  channelId: string;
  slot: string;
  /** Archive seq the channel's cursor advances to when the claim succeeds. */
  cursorTo: number;
  digestDates: string[];
  paperIds: string[];
  messages: Array<{ body: unknown; replyTo: number | null }>;
  /** "skipped" for an empty slot with on-empty=skip: recorded, nothing to send. */
  state: "sending" | "skipped";
  /** The claimer holds the sending lease from the start (see Store.leaseDelivery). */
  lease?: { owner: string; until: string };
}

export interface Store {
  migrate(): Promise<void>;
  close(): Promise<void>;

  // archive
  /** Records the digest (date + content hash) and merges its papers. Idempotent for the same hash. */
  ingestDigest(input: { date: string; hash: string; source: string; papers: Paper[] }): Promise<IngestResult>;
  getPaper(id: string): Promise<ArchivedPaper | null>;
  getPapers(ids: string[]): Promise<ArchivedPaper[]>;
  latestDigest(): Promise<DigestInfo | null>;
  digestByDate(date: string): Promise<DigestInfo | null>;
  /** Digests with seq greater than `seq`, oldest first. */
  digestsAfter(seq: number): Promise<DigestInfo[]>;
  listDigests(limit: number): Promise<DigestInfo[]>;
  /** Papers of one digest, in digest order. */
  digestPapers(date: string): Promise<ArchivedPaper[]>;
  /** Full-text candidates for a plan, best first (title hits, then recency); at most `limit`. */
  searchCandidates(plan: SearchPlan, limit: number): Promise<ArchivedPaper[]>;
  countPapers(): Promise<number>;

  // channels and topics
  /** Creates the channel with the given settings if missing; returns it either way. */
  ensureChannel(ref: ChannelRef, settings: ChannelSettings): Promise<Channel>;
  getChannel(id: string): Promise<Channel | null>;
  listChannels(filter?: { platform?: PlatformKind; workspace?: string }): Promise<Channel[]>;
  updateSettings(id: string, patch: Partial<ChannelSettings>, pausedReason?: string | null): Promise<Channel>;
  deleteChannel(id: string): Promise<void>;
  /** Adds topics (skipping exact duplicates); returns the channel's topics afterwards. */
  addTopics(channelId: string, topics: string[]): Promise<TopicRecord[]>;
  removeTopics(channelId: string, topicIds: number[]): Promise<number>;
  listTopics(channelId: string): Promise<TopicRecord[]>;
  /** Every topic of every channel (to compile the match index). */
  allTopics(): Promise<TopicRecord[]>;

  // deliveries
  /**
   * Atomically: inserts the delivery keyed by (channel, slot), reserves its papers for the channel,
   * advances the channel's cursor and last slot. Returns null when that (channel, slot) exists already,
   * or when any of the papers was already posted to the channel — a re-run or a second instance
   * can then never double-post.
   */
  claimDelivery(input: NewDelivery): Promise<Delivery | null>;
  /**
   * Takes or renews the lease on an open delivery for `owner` until the ISO time `until`. False when
   * another owner holds an unexpired lease or the delivery is finished: only the holder sends.
   */
  leaseDelivery(deliveryId: number, owner: string, until: string): Promise<boolean>;
  /** Deliveries still in state "sending" (to resume after a crash), oldest first. */
  unfinishedDeliveries(): Promise<Delivery[]>;
  markMessage(deliveryId: number, index: number, state: "sending" | "sent", ref: string | null): Promise<void>;
  finishDelivery(deliveryId: number, state: "sent" | "failed", error: string | null): Promise<void>;
  lastDelivery(channelId: string): Promise<Delivery | null>;
  /** The subset of `paperIds` already posted (or reserved) in the channel. */
  postedPapers(channelId: string, paperIds: string[]): Promise<Set<string>>;

  // votes (one per person per paper per channel; a second vote replaces the first)
  /** Records or changes the vote; returns the channel's totals afterwards. The channel must exist. */
  recordVote(vote: NewVote): Promise<VoteCounts>;
  /** Every vote of the channel, oldest first (then by paper and user, for a stable order). */
  channelVotes(channelId: string): Promise<Vote[]>;
  voteCounts(channelId: string): Promise<VoteCounts>;

  // small key/value state for platform adapters (Slack installations, etc.)
  getState(key: string): Promise<string | null>;
  setState(key: string, value: string | null): Promise<void>;
  listState(prefix: string): Promise<Array<{ key: string; value: string }>>;
}

// ---------------------------------------------------------------- platforms

/** One rendered platform message (a chat.postMessage body, a Discord create-message body, console text). */
export interface Message {
  body: unknown;
  /** Index of an earlier message of the same post this one replies to (Slack threads). */
  replyTo: number | null;
}

export interface SendOptions {
  /** Deterministic per (delivery, message): platforms use it to make a retried send idempotent. */
  key: string;
  /** Platform ref of the message to reply to (thread parent). */
  replyTo: string | null;
  /**
   * True when an earlier attempt with this key may have reached the platform (a crash between send and
   * record): the adapter checks before posting again, where the platform allows.
   */
  recovering: boolean;
}

/** A platform failure, as data. */
export interface PlatformFailure {
  code: string;
  message: string;
  /** Transient (rate limit, 5xx, timeout): try again later. Otherwise the channel is paused. */
  retryable: boolean;
  retryAfterMs: number | null;
}

export interface CommandContext {
  channel: ChannelRef;
  userId: string;
  /** May change the channel's topics and settings (Discord: Manage Channels; Slack: slack.managers). */
  isManager: boolean;
  /** Platform checks before subscribing (e.g. the bot may not post there): a reason, or null if fine. */
  checkCanPost?: () => Promise<string | null>;
}

export interface Command {
  name: string;
  /** Everything after the subcommand name, as typed. */
  args: string;
}

export type CommandHandler = (command: Command, context: CommandContext) => Promise<Post>;

export interface Platform {
  readonly kind: PlatformKind;
  /** Pure and deterministic: the post as platform messages, each within the platform's limits. */
  render(post: Post): Message[];
  /** Sends one message; resolves to the platform's message ref; rejects with a PlatformError. */
  send(channel: ChannelRef, message: Message, options: SendOptions): Promise<string>;
  start(onCommand: CommandHandler): Promise<void>;
  stop(): Promise<void>;
  /** The live connection to the platform (gateway, Socket Mode), for /healthz and /metrics; absent without one. */
  connection?(): PlatformConnection;
}

export type ConnectionState = "connected" | "connecting" | "disconnected";
/** What happened to a connection: the state entered, or a resumed session. */
export type ConnectionChange = "connected" | "reconnecting" | "resumed" | "disconnected";

export interface PlatformConnection {
  state: ConnectionState;
  /** Why it is not connected (e.g. "gateway closed with code 4000; resuming"); null when connected. */
  reason: string | null;
  /** How often each change happened since the platform was created (monotonic, for a counter). */
  changes: Record<ConnectionChange, number>;
}

// ---------------------------------------------------------------- sources

export interface DigestFile {
  /** File name or URL, for the digest's date and for messages. */
  name: string;
  /** Where it came from (path or URL) — recorded with the digest. */
  source: string;
  text: string;
}

export interface DigestSource {
  /** Files new or changed since the last call (the first call returns everything). */
  poll(): Promise<DigestFile[]>;
  /** Calls `onChange` soon after a file appears or changes (watching), where the source can. */
  watch?(onChange: () => void): () => void;
}

// ---------------------------------------------------------------- logging

/** The slice of a structured logger the core uses (pino's Logger satisfies it). */
export interface Log {
  debug(object: Record<string, unknown>, message?: string): void;
  info(object: Record<string, unknown>, message?: string): void;
  warn(object: Record<string, unknown>, message?: string): void;
  error(object: Record<string, unknown>, message?: string): void;
}
