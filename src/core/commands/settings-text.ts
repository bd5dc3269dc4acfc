/** Settings as readable lines (list, status). */
import type { ChannelSettings } from "../channel.js";
import { text, type Rich } from "../post.js";

export function scheduleText(settings: ChannelSettings): string {
  if (settings.mode === "instant") return "instant (as soon as a digest arrives)";
  return `${settings.time} ${settings.timezone}, ${settings.days === "weekdays" ? "Monday to Friday" : "every day"}`;
}

export function settingsLines(settings: ChannelSettings, pausedReason: string | null): Rich[] {
  const lines: Rich[] = [
    [text(`Schedule: ${scheduleText(settings)}`)],
    [text(`At most ${settings.maxPapers} papers per post · format ${settings.format} · when nothing matches: ${settings.onEmpty === "note" ? "post a note" : "post nothing"}`)],
  ];
  if (settings.paused) lines.push([text(`Paused${pausedReason ? ` by paperboy: ${pausedReason}` : ""}.`)]);
  return lines;
}
