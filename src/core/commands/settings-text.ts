/** Settings as readable lines (list, status). */
import type { ChannelSettings, LearnMode } from "../channel.js";
import { AUTO_MIN_VOTES_EACH, effectiveLearnMode } from "../learn/learn-mode.js";
import type { VoteCounts } from "../vote.js";
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

/**
 * The `learn` setting with the mode in effect, which is what a channel's posts actually do:
 * "auto — ranking by votes (6 👍, 5 👎)", "auto — off until 5 👍 and 5 👎 (2 👍, 0 👎 so far)".
 */
export function learnModeText(setting: LearnMode, counts: VoteCounts): string {
  if (setting === "off") return "off";
  const mode = effectiveLearnMode(setting, counts);
  const tally = `${counts.up} 👍, ${counts.down} 👎`;
  const threshold = `${AUTO_MIN_VOTES_EACH} 👍 and ${AUTO_MIN_VOTES_EACH} 👎`;
  if (mode === "off") return `${setting} — off until ${threshold} (${tally} so far)`;
  // A model needs both kinds of vote; until then the post keeps keyword order (trainOnVotes).
  if (counts.up === 0 || counts.down === 0) return `${setting} — keyword order until there are both 👍 and 👎 (${tally} so far)`;
  if (mode === "filter") return `${setting} — ranking by votes and holding back unwanted papers (${tally})`;
  if (setting === "filter") return `${setting} — ranking by votes; holding back from ${threshold} (${tally} so far)`;
  return `${setting} — ranking by votes (${tally})`;
}

export function settingsLines(settings: ChannelSettings, pausedReason: string | null, votes: VoteCounts = { up: 0, down: 0 }): Rich[] {
  const lines: Rich[] = [
    [text(`Schedule: ${scheduleText(settings)}`)],
    [text(`At most ${settings.maxPapers} papers per post · format ${settings.format} · when nothing matches: ${settings.onEmpty === "note" ? "post a note" : "post nothing"}`)],
    [text(`Summaries: ${LANGUAGE_TEXT[settings.language]} · matching: ${settings.match} · learning from votes: ${learnModeText(settings.learn, votes)}`)],
  ];
  if (settings.paused) lines.push([text(`Paused${pausedReason ? ` by paperboy: ${pausedReason}` : ""}.`)]);
  return lines;
}
