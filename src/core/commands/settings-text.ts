/** Settings as readable lines (list, status). */
import type { ChannelSettings } from "../channel.js";
import { localTime } from "../schedule.js";
import { text, type Rich } from "../post.js";

export function scheduleText(settings: ChannelSettings): string {
  if (settings.mode === "instant") return "instant (as soon as a digest arrives)";
  return `${settings.time} ${settings.timezone}, ${settings.days === "weekdays" ? "Monday to Friday" : "every day"}`;
}

/** "2026-01-07 09:00 Europe/Berlin (08:00 UTC)": the channel's own clock first, UTC for everyone else. */
export function postTimeText(instant: Date, timezone: string): string {
  const local = localTime(instant, timezone);
  const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const utc = `${instant.toISOString().slice(0, 10)} ${instant.toISOString().slice(11, 16)} UTC`;
  if (timezone === "UTC" || timezone === "Etc/UTC") return utc;
  return `${local.date} ${hhmm(local.minutes)} ${timezone} (${utc})`;
}

const LANGUAGE_TEXT: Record<ChannelSettings["language"], string> = {
  original: "the digest's TL;DR",
  en: "English",
  both: "TL;DR and English",
};

export function settingsLines(settings: ChannelSettings, pausedReason: string | null): Rich[] {
  const lines: Rich[] = [
    [text(`Schedule: ${scheduleText(settings)}`)],
    [text(`At most ${settings.maxPapers} papers per post · format ${settings.format} · when nothing matches: ${settings.onEmpty === "note" ? "post a note" : "post nothing"}`)],
    [text(`Summaries: ${LANGUAGE_TEXT[settings.language]} · matching: ${settings.match} · learning from votes: ${settings.learn}`)],
  ];
  if (settings.paused) lines.push([text(`Paused${pausedReason ? ` by paperboy: ${pausedReason}` : ""}.`)]);
  return lines;
}
