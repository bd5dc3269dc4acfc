/**
 * Console channels are defined in the configuration, which is their source of truth: on start-up their
 * settings and topics are brought in line with it.
 */
import type { Config } from "./config.js";
import type { ChannelSettings } from "./core/channel.js";
import type { Store } from "./core/ports.js";
import type { Logger } from "./log.js";

export async function syncConsoleChannels(store: Store, config: Config, logger: Logger): Promise<void> {
  for (const entry of config.console.channels) {
    const settings: ChannelSettings = { ...config.defaults, ...stripUndefined(entry.settings) };
    const channel = await store.ensureChannel({ platform: "console", workspace: "", channel: entry.name }, settings);
    await store.updateSettings(channel.id, settings, channel.settings.paused === settings.paused ? channel.pausedReason : null);
    const existing = await store.listTopics(channel.id);
    const wanted = new Set(entry.topics);
    const stale = existing.filter((topic) => !wanted.has(topic.text)).map((topic) => topic.id);
    if (stale.length > 0) await store.removeTopics(channel.id, stale);
    const known = new Set(existing.map((topic) => topic.text));
    const added = entry.topics.filter((topic) => !known.has(topic));
    if (added.length > 0) await store.addTopics(channel.id, added);
    logger.debug({ channel: channel.id, topics: entry.topics.length, added: added.length, removed: stale.length }, "console channel synced");
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
