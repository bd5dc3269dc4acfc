/** Channels, their settings and their topics. */

export type PlatformKind = "slack" | "discord" | "console";

/**
 * A destination, written `slack:<team>/<channel>`, `discord:<guild>/<channel>` or `console:<name>`.
 * The workspace/guild part scopes every command: one team can never reach another's channels.
 */
export interface ChannelRef {
  platform: PlatformKind;
  /** Slack team id, Discord guild id; "" for console channels. */
  workspace: string;
  /** Slack/Discord channel id, or the console channel's name. */
  channel: string;
}

export interface ChannelSettings {
  /** `HH:MM`, 24-hour, in `timezone`. */
  time: string;
  /** IANA time zone name. */
  timezone: string;
  days: "daily" | "weekdays";
  mode: "digest" | "instant";
  maxPapers: number;
  format: "compact" | "full";
  onEmpty: "skip" | "note";
  /**
   * Which summary a card shows: the digest's TL;DR as written, English (the abstract's first sentences,
   * or the TL;DR when it is English), or both (TL;DR, then one English sentence when the TL;DR is not English).
   */
  language: SummaryLanguage;
  /** How much evidence a paper needs to match a topic (TOPICS.md, "Matching is evidence"). */
  match: MatchStrictness;
  /** Learning from the channel's votes: `auto` = `rank` once the channel has enough votes of each kind. */
  learn: LearnMode;
  paused: boolean;
}

export const SUMMARY_LANGUAGES = ["original", "en", "both"] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];
export const MATCH_STRICTNESS = ["strict", "balanced", "broad"] as const;
export type MatchStrictness = (typeof MATCH_STRICTNESS)[number];
export const LEARN_MODES = ["auto", "off", "rank", "filter"] as const;
export type LearnMode = (typeof LEARN_MODES)[number];

export const DEFAULT_SETTINGS: ChannelSettings = {
  time: "09:00",
  timezone: "UTC",
  days: "daily",
  mode: "digest",
  maxPapers: 10,
  format: "compact",
  onEmpty: "skip",
  language: "both",
  match: "balanced",
  learn: "auto",
  paused: false,
};

export const MAX_PAPERS_LIMIT = 500;

export interface Channel {
  /** The canonical string form of `ref`. */
  id: string;
  ref: ChannelRef;
  settings: ChannelSettings;
  /** Why the channel was paused by paperboy itself (permanent platform error), if it was. */
  pausedReason: string | null;
  /** Archive sequence number of the last digest this channel has consumed (0 = none yet). */
  cursor: number;
  /** Slot key of the last delivery made (see schedule.ts), or null. */
  lastSlot: string | null;
  createdAt: string;
}

export interface TopicRecord {
  /** Stable id (store-assigned). */
  id: number;
  channelId: string;
  /** The topic exactly as typed (already validated). */
  text: string;
  createdAt: string;
}

export function formatChannelId(ref: ChannelRef): string {
  return ref.platform === "console" ? `console:${ref.channel}` : `${ref.platform}:${ref.workspace}/${ref.channel}`;
}

// The channel part may start with "@": a personal destination (see personalRef).
const CHANNEL_ID = /^(slack|discord):([A-Za-z0-9_.-]+)\/(@?[A-Za-z0-9_.-]+)$|^console:(@?[A-Za-z0-9_.-]+)$/;

/** Parses `slack:T1/C1`, `discord:1/2`, `console:name`; null when malformed. */
export function parseChannelId(id: string): ChannelRef | null {
  const match = CHANNEL_ID.exec(id.trim());
  if (!match) return null;
  if (match[4] !== undefined) return { platform: "console", workspace: "", channel: match[4] };
  return { platform: match[1] as "slack" | "discord", workspace: match[2]!, channel: match[3]! };
}

/**
 * A person's follows are delivered by DM to a personal destination: a channel row whose channel part names
 * the user (`slack:T1/@U123`, `discord:G1/@456`, `console:@alice`), so schedule, ledger, lease and retries
 * are the channels' own. Kept per workspace/guild, so one tenant's follows never reach another's.
 * Platform channel ids never start with "@", so the two cannot collide.
 */
export function personalRef(where: ChannelRef, userId: string): ChannelRef {
  return { platform: where.platform, workspace: where.workspace, channel: `@${userId}` };
}

/** The user a personal destination delivers to, or null for an ordinary channel. */
export function personalUser(ref: ChannelRef): string | null {
  return ref.channel.startsWith("@") ? ref.channel.slice(1) : null;
}

export function isPersonal(ref: ChannelRef): boolean {
  return personalUser(ref) !== null;
}
