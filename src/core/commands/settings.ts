/** schedule, set, pause, resume. */
import type { ChannelSettings } from "../channel.js";
import { LEARN_MODES, MATCH_STRICTNESS, MAX_PAPERS_LIMIT, SUMMARY_LANGUAGES } from "../channel.js";
import type { CommandContext } from "../ports.js";
import { notePost, text, type Post } from "../post.js";
import { nextPostTime } from "../schedule.js";
import type { CommandDeps } from "./deps.js";
import { errorReply, MANAGERS_ONLY } from "./reply.js";
import { learnModeText, postTimeText, scheduleText } from "./settings-text.js";
import { ensureChannel } from "./subscriptions.js";

const HHMM = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch (error) {
    if (error instanceof RangeError) return false;
    throw error;
  }
}

/** Parses `HH:MM [timezone] [daily|weekdays|instant]` (any order after the time) into a settings patch. */
export function parseSchedule(args: string): { ok: true; patch: Partial<ChannelSettings> } | { ok: false; message: string } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { ok: false, message: "Give a time (HH:MM, 24-hour), optionally a time zone and daily, weekdays or instant." };
  const patch: Partial<ChannelSettings> = {};
  for (const word of words) {
    const lower = word.toLowerCase();
    const time = HHMM.exec(word);
    if (time) patch.time = `${time[1]!.padStart(2, "0")}:${time[2]}`;
    else if (lower === "daily" || lower === "weekdays") {
      patch.days = lower;
      patch.mode = "digest";
    } else if (lower === "instant") patch.mode = "instant";
    else if (isTimeZone(word)) patch.timezone = canonicalZone(word);
    else if (/^\d{1,2}(:\d+)?$/.test(word) || /^\d+:\d+$/.test(word)) return { ok: false, message: `'${word}' is not a time: use HH:MM, 24-hour, like 09:00 or 17:30.` };
    else return { ok: false, message: `'${word}' is not a time zone (IANA names like Europe/Berlin, America/New_York, UTC) nor daily, weekdays or instant.` };
  }
  if (patch.mode !== "instant" && !patch.time && !patch.days && !patch.timezone) return { ok: false, message: "Give a time (HH:MM, 24-hour)." };
  if (patch.time || patch.days) patch.mode ??= "digest";
  return { ok: true, patch };
}

function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

export async function schedule(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} schedule 08:30 Europe/Berlin weekdays`;
  if (!context.isManager) return errorReply(MANAGERS_ONLY);
  const parsed = parseSchedule(args);
  if (!parsed.ok) return errorReply(parsed.message, example);
  const channel = await ensureChannel(deps, context);
  const updated = await deps.store.updateSettings(channel.id, parsed.patch);
  const next = nextPostTime(updated.settings, deps.clock.now());
  return notePost("Schedule updated", [
    [text(`Posts: ${scheduleText(updated.settings)}.`)],
    ...(next ? [[text(`Next post: ${postTimeText(next, updated.settings.timezone)}.`)]] : []),
  ]);
}

interface Setting {
  /** A few words on its values, for menus that offer the settings (Discord's choices). */
  summary: string;
  example: string;
  apply: (value: string) => Partial<ChannelSettings> | string;
}

const SETTINGS: Record<string, Setting> = {
  max: {
    summary: "papers per post (1–500)",
    example: "set max 15",
    apply: (value) => {
      const n = Number(value);
      return Number.isInteger(n) && n >= 1 && n <= MAX_PAPERS_LIMIT ? { maxPapers: n } : `max must be a whole number from 1 to ${MAX_PAPERS_LIMIT}.`;
    },
  },
  format: {
    summary: "compact or full",
    example: "set format full",
    apply: (value) => (value === "compact" || value === "full" ? { format: value } : "format is compact or full."),
  },
  empty: {
    summary: "skip or note when nothing matched",
    example: "set empty note",
    apply: (value) => (value === "skip" || value === "note" ? { onEmpty: value } : "empty is skip (post nothing) or note (post a short note)."),
  },
  language: {
    summary: "original, en or both",
    example: "set language en",
    apply: (value) =>
      oneOf(SUMMARY_LANGUAGES, value)
        ? { language: value }
        : "language is original (the digest's TL;DR), en (English) or both (TL;DR, then one English sentence).",
  },
  match: {
    summary: "strict, balanced or broad",
    example: "set match strict",
    apply: (value) =>
      oneOf(MATCH_STRICTNESS, value) ? { match: value } : "match is strict (fewer, surer papers), balanced or broad (more papers, looser).",
  },
  learn: {
    summary: "auto, off, rank or filter (votes)",
    example: "set learn rank",
    apply: (value) =>
      oneOf(LEARN_MODES, value)
        ? { learn: value }
        : "learn is auto (rank once the channel has voted enough), off, rank (reorder by votes) or filter (also hold back unwanted papers).",
  },
};

/** Every `set` setting with its summary, in help order: platforms build their menus from it. */
export const SETTING_CHOICES: ReadonlyArray<{ name: string; summary: string }> = Object.entries(SETTINGS).map(([name, setting]) => ({ name, summary: setting.summary }));

function oneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

export async function set(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  if (!context.isManager) return errorReply(MANAGERS_ONLY);
  const [name = "", value = "", ...rest] = args.trim().split(/\s+/);
  const setting = Object.hasOwn(SETTINGS, name.toLowerCase()) ? SETTINGS[name.toLowerCase()] : undefined;
  if (!setting) return errorReply(`Unknown setting '${name}'. Settings are ${Object.keys(SETTINGS).join(", ")}.`, `${deps.command} set max 15`);
  if (!value || rest.length > 0) return errorReply(`Give one value for ${name}.`, `${deps.command} ${setting.example}`);
  const patch = setting.apply(value.toLowerCase());
  if (typeof patch === "string") return errorReply(patch, `${deps.command} ${setting.example}`);
  const channel = await ensureChannel(deps, context);
  const updated = await deps.store.updateSettings(channel.id, patch);
  // learn: what the channel's posts do now, not only the word it was set to.
  const now = patch.learn ? learnModeText(updated.settings.learn, await deps.store.voteCounts(channel.id)) : value.toLowerCase();
  return notePost("Setting updated", [[text(`${name.toLowerCase()} is now ${now}.`)]]);
}

export async function pause(deps: CommandDeps, context: CommandContext, paused: boolean): Promise<Post> {
  if (!context.isManager) return errorReply(MANAGERS_ONLY);
  const channel = await ensureChannel(deps, context);
  await deps.store.updateSettings(channel.id, { paused }, null);
  if (paused) return notePost("Paused", [[text(`No posts until ${deps.command} resume.`)]]);
  const was = channel.pausedReason ? ` (it was paused because of: ${channel.pausedReason})` : "";
  return notePost("Resumed", [[text(`Posts start again at the next post time${was}; anything left unsent will be sent then.`)]]);
}
