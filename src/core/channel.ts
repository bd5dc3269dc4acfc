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
  paused: boolean;
}

export const DEFAULT_SETTINGS: ChannelSettings = {
  time: "09:00",
  timezone: "UTC",
  days: "daily",
  mode: "digest",
  maxPapers: 10,
  format: "compact",
  onEmpty: "skip",
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

const CHANNEL_ID = /^(slack|discord):([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$|^console:([A-Za-z0-9_.-]+)$/;

/** Parses `slack:T1/C1`, `discord:1/2`, `console:name`; null when malformed. */
export function parseChannelId(id: string): ChannelRef | null {
  const match = CHANNEL_ID.exec(id.trim());
  if (!match) return null;
  if (match[4] !== undefined) return { platform: "console", workspace: "", channel: match[4] };
  return { platform: match[1] as "slack" | "discord", workspace: match[2]!, channel: match[3]! };
}
