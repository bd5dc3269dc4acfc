/** subscribe, unsubscribe, channels, set: channels from the shell, through the same handlers as chat. */
import type { Config } from "../config.js";
import { settingsSchema } from "../config.js";
import { isPersonal, parseChannelId, type Channel, type ChannelRef, type ChannelSettings } from "../core/channel.js";
import { createCommandHandler } from "../core/commands/handler.js";
import { parseSchedule } from "../core/commands/settings.js";
import type { Store } from "../core/ports.js";
import type { Post } from "../core/post.js";
import { createTopicTools } from "../core/topic-tools.js";
import { nextPostTime } from "../core/schedule.js";
import { formatConsoleBody } from "../platforms/console/console.js";
import { renderConsolePost, type ConsoleBody } from "../platforms/console/render.js";
import { openStore } from "../store/open-store.js";
import { cliLogger, printJson, resolveConfig, usageError, type GlobalOptions } from "./context.js";

export function channelRef(id: string): ChannelRef {
  const ref = parseChannelId(id);
  if (!ref) throw usageError(`'${id}' is not a channel: use slack:<team>/<channel>, discord:<guild>/<channel> or console:<name>`);
  return ref;
}

export async function withStore<T>(config: Config, body: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config.db, { logger: cliLogger(config) });
  try {
    await store.migrate();
    return await body(store);
  } finally {
    await store.close();
  }
}

function printPost(post: Post): void {
  for (const message of renderConsolePost(post)) process.stdout.write(`${formatConsoleBody(message.body as ConsoleBody, Boolean(process.stdout.isTTY))}\n`);
}

/** Only `subscribe` creates a channel: a typo in `set`, `unsubscribe` or `render` must not. */
export async function requireChannel(store: Store, channel: string): Promise<Channel> {
  const found = await store.getChannel(channel);
  if (!found) throw usageError(`no channel ${channel} — paperboy channels lists them (paperboy subscribe ${channel} "<topics>" creates it)`);
  return found;
}

async function runChatCommand(options: GlobalOptions & { json?: boolean }, channel: string, name: string, args: string): Promise<void> {
  const config = resolveConfig(options);
  const ref = channelRef(channel);
  const reply = await withStore(config, async (store) => {
    if (name !== "subscribe") await requireChannel(store, channel);
    const handler = createCommandHandler(
      {
        store,
        topics: createTopicTools({ maxTopicLength: config.topics.maxLength, maxTopics: config.topics.maxPerChannel }),
        clock: { now: () => new Date() },
        defaults: config.defaults,
        limits: { maxTopicsPerChannel: config.topics.maxPerChannel },
        command: "paperboy",
      },
      cliLogger(config),
    );
    return handler({ name, args }, { channel: ref, userId: "cli", isManager: true });
  });
  // The chat replies point to `<command> list`; on the command line that listing is `paperboy channels`.
  const post = JSON.parse(JSON.stringify(reply).replaceAll("paperboy list", "paperboy channels")) as Post;
  if (post.isError) throw usageError(post.intro[0]?.map((span) => span.text).join("") ?? "command failed");
  if (options.json) printJson(post);
  else printPost(post);
}

export const subscribeCommand = (channel: string, topics: string[], options: GlobalOptions & { json?: boolean }) => runChatCommand(options, channel, "subscribe", topics.join(" "));
export const unsubscribeCommand = (channel: string, which: string[], options: GlobalOptions & { json?: boolean }) => runChatCommand(options, channel, "unsubscribe", which.join(" "));

export async function channelsCommand(options: GlobalOptions & { json?: boolean }): Promise<void> {
  const config = resolveConfig(options);
  const rows = await withStore(config, async (store) => {
    const out = [];
    // People's follows (personal destinations) are theirs alone: channel listings never show them.
    for (const channel of (await store.listChannels()).filter((candidate) => !isPersonal(candidate.ref))) {
      const topics = await store.listTopics(channel.id);
      const last = await store.lastDelivery(channel.id);
      const next = nextPostTime(channel.settings, new Date());
      out.push({
        id: channel.id,
        topics: topics.map((t) => t.text),
        settings: channel.settings,
        pausedReason: channel.pausedReason,
        nextPost: next?.toISOString() ?? null,
        lastDelivery: last ? { slot: last.slot, state: last.state, papers: last.paperIds.length, at: last.updatedAt, error: last.error } : null,
      });
    }
    return out;
  });
  if (options.json) return printJson(rows);
  if (rows.length === 0) process.stdout.write("no channels yet: paperboy subscribe console:news \"kv cache\"\n");
  for (const row of rows) {
    const s = row.settings;
    const when = s.mode === "instant" ? "instant" : `${s.time} ${s.timezone} ${s.days}`;
    process.stdout.write(`${row.id}${s.paused ? "  [paused" + (row.pausedReason ? `: ${row.pausedReason}` : "") + "]" : ""}\n  ${when} · max ${s.maxPapers} · ${s.format} · on-empty ${s.onEmpty} · language ${s.language} · match ${s.match} · learn ${s.learn}\n  topics: ${row.topics.join(" · ") || "(none)"}\n`);
    if (row.lastDelivery) process.stdout.write(`  last delivery: ${row.lastDelivery.slot} ${row.lastDelivery.state}, ${row.lastDelivery.papers} papers\n`);
  }
}

/** `set <channel> <setting> <value>`: the settings of PRODUCT.md, validated by the config schema. */
const SETTING_NAMES: Record<string, keyof ChannelSettings> = {
  time: "time",
  timezone: "timezone",
  days: "days",
  mode: "mode",
  max: "maxPapers",
  maxpapers: "maxPapers",
  format: "format",
  empty: "onEmpty",
  onempty: "onEmpty",
  "on-empty": "onEmpty",
  language: "language",
  match: "match",
  learn: "learn",
  paused: "paused",
};

export async function setCommand(channel: string, setting: string, value: string[], options: GlobalOptions & { json?: boolean }): Promise<void> {
  const config = resolveConfig(options);
  const ref = channelRef(channel);
  let patch: Partial<ChannelSettings>;
  if (setting === "schedule") {
    const parsed = parseSchedule(value.join(" "));
    if (!parsed.ok) throw usageError(parsed.message);
    patch = parsed.patch;
  } else {
    const key = SETTING_NAMES[setting.toLowerCase()];
    if (!key) throw usageError(`unknown setting '${setting}' — settings are ${Object.keys(SETTING_NAMES).filter((k) => !k.includes("-") && k !== "maxpapers" && k !== "onempty").join(", ")}, schedule`);
    const raw = value.join(" ");
    const typed: unknown = key === "maxPapers" ? Number(raw) : key === "paused" ? parseBoolean(raw) : raw;
    const result = settingsSchema.partial().safeParse({ [key]: typed });
    if (!result.success) throw usageError(`${setting}: ${VALUE_HINTS[key] ? `expected ${VALUE_HINTS[key]}, got '${raw}'` : (result.error.issues[0]?.message ?? "invalid value")}`);
    // Only the one key: the schema's defaults would otherwise fill (and reset) every other setting.
    patch = { [key]: (result.data as Partial<ChannelSettings>)[key] } as Partial<ChannelSettings>;
  }
  const updated = await withStore(config, async (store) => {
    const found = await requireChannel(store, channel);
    return store.updateSettings(found.id, patch, patch.paused === false ? null : undefined);
  });
  if (options.json) printJson(updated);
  else process.stdout.write(`${updated.id}: ${JSON.stringify(updated.settings)}\n`);
}

/** What to type, where the schema's own wording ("expected number, received NaN") would not say. */
const VALUE_HINTS: Partial<Record<keyof ChannelSettings, string>> = {
  maxPapers: "a whole number from 1 to 500, e.g. 15",
  paused: "true or false",
};

function parseBoolean(value: string): boolean | string {
  if (/^(true|yes|on|1)$/i.test(value)) return true;
  if (/^(false|no|off|0)$/i.test(value)) return false;
  return value;
}
