/**
 * Which slot a channel is due for at a given time, and which digests that slot covers. Pure.
 */
import type { Channel } from "./channel.js";
import type { DigestInfo } from "./ports.js";
import { dueScheduledSlot, instantSlot } from "./schedule.js";

export interface DuePlan {
  slot: string;
  /** Digests the post covers (those ingested since the channel's cursor), oldest first. */
  digests: DigestInfo[];
  /** The cursor after this slot. */
  cursorTo: number;
}

/**
 * `newDigests` are the archive's digests with seq > channel.cursor. Instant channels are due as soon as
 * one exists; scheduled channels at their post time (with or without new digests: on-empty decides).
 */
export function planFor(channel: Channel, allNewDigests: DigestInfo[], now: Date, force = false): DuePlan | null {
  if (channel.settings.paused) return null;
  const cursorTo = allNewDigests.reduce((max, digest) => Math.max(max, digest.seq), channel.cursor);
  const newDigests = channel.cursor === 0 ? firstPostDigests(allNewDigests, channel.createdAt) : allNewDigests;
  if (channel.settings.mode === "instant") {
    if (newDigests.length === 0) return null;
    return { slot: instantSlot(cursorTo), digests: newDigests, cursorTo };
  }
  // `deliver --now`: a manual slot, one per minute, for channels not due yet.
  const slot = dueScheduledSlot(channel.settings, now, channel.lastSlot, new Date(channel.createdAt)) ?? (force ? `m:${now.toISOString().slice(0, 16)}` : null);
  if (!slot) return null;
  return { slot, digests: newDigests, cursorTo };
}

/** Unique digest dates, oldest first (a re-ingested, updated digest appears once). */
export function coveredDates(digests: DigestInfo[]): string[] {
  return [...new Set(digests.map((digest) => digest.date))].sort();
}

/**
 * A channel that never had a delivery: subscribing today should not bring the whole archive into the
 * first post, so of the digests the archive held when the channel was created only the newest counts.
 * Digests that arrived after the channel was created are news, every one of them (two days dropped into
 * the folder at once must both reach an instant channel that had nothing to post before).
 */
function firstPostDigests(digests: DigestInfo[], channelCreatedAt: string): DigestInfo[] {
  const created = Date.parse(channelCreatedAt);
  const arrived = digests.filter((digest) => Date.parse(digest.ingestedAt) > created);
  return arrived.length > 0 ? arrived : newestOnly(digests);
}

function newestOnly(digests: DigestInfo[]): DigestInfo[] {
  const newest = digests.reduce<DigestInfo | null>((best, digest) => (best === null || digest.date > best.date || (digest.date === best.date && digest.seq > best.seq) ? digest : best), null);
  return newest ? [newest] : [];
}
