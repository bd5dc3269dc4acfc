/**
 * When each channel posts. Pure and timezone-aware through Intl (no tz database of our own).
 *
 * Slot keys name one delivery opportunity: `d:<local date>` for a scheduled post (one per local day),
 * `i:<archive seq>` for an instant post (one per ingested digest).
 */
import type { ChannelSettings } from "./channel.js";

export interface LocalTime {
  date: string; // YYYY-MM-DD
  minutes: number; // minutes since local midnight
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      weekday: "short",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

export function localTime(instant: Date, timeZone: string): LocalTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ""),
  };
}

export function parseHhmm(value: string): number {
  const [hours, minutes] = value.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function addDays(date: string, days: number): string {
  const instant = new Date(`${date}T00:00:00Z`);
  instant.setUTCDate(instant.getUTCDate() + days);
  return instant.toISOString().slice(0, 10);
}

function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

function postsOn(settings: ChannelSettings, date: string): boolean {
  if (settings.days === "daily") return true;
  const day = weekdayOf(date);
  return day !== 0 && day !== 6;
}

/**
 * The UTC instant of a local wall-clock time. Iterates on the zone's offset so DST changes are right;
 * a time skipped by a spring-forward gap resolves to the first valid minute after it.
 */
export function zonedInstant(date: string, minutes: number, timeZone: string): Date {
  const wanted = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let guess = wanted;
  for (let i = 0; i < 3; i += 1) {
    const local = localTime(new Date(guess), timeZone);
    const localMs = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
    const diff = wanted - localMs;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

/** The most recent scheduled post time at or before `now` (a slot), or null if none in the last 8 days. */
export function latestSlot(settings: ChannelSettings, now: Date): { key: string; at: Date } | null {
  const local = localTime(now, settings.timezone);
  const postMinutes = parseHhmm(settings.time);
  for (let back = 0; back < 8; back += 1) {
    const date = addDays(local.date, -back);
    if (back === 0 && local.minutes < postMinutes) continue;
    if (!postsOn(settings, date)) continue;
    return { key: `d:${date}`, at: zonedInstant(date, postMinutes, settings.timezone) };
  }
  return null;
}

/** The next scheduled post time strictly after `now`. */
export function nextPostTime(settings: ChannelSettings, now: Date): Date | null {
  if (settings.mode === "instant") return null;
  const local = localTime(now, settings.timezone);
  const postMinutes = parseHhmm(settings.time);
  for (let ahead = 0; ahead < 9; ahead += 1) {
    const date = addDays(local.date, ahead);
    if (ahead === 0 && local.minutes >= postMinutes) continue;
    if (!postsOn(settings, date)) continue;
    return zonedInstant(date, postMinutes, settings.timezone);
  }
  return null;
}

/**
 * The scheduled slot due at `now` for a digest-mode channel, or null. A slot is due once: when its key
 * differs from the last slot delivered, and it was scheduled after the channel was created (a channel
 * subscribed at 15:00 gets its first post at the next post time, not immediately).
 */
export function dueScheduledSlot(settings: ChannelSettings, now: Date, lastSlot: string | null, createdAt: Date): string | null {
  const slot = latestSlot(settings, now);
  if (!slot || slot.at < createdAt) return null;
  if (lastSlot !== null && lastSlot.startsWith("d:") && lastSlot >= slot.key) return null;
  return slot.key;
}

export function instantSlot(seq: number): string {
  return `i:${seq}`;
}
