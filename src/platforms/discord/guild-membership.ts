/**
 * Server joins and leaves: when the bot is removed from a server its channels are paused, and resumed when
 * it is added back — only those paused for that reason, never ones a manager paused.
 */
import type { Guild } from "discord.js";
import type { Logger } from "pino";
import { errorMessage } from "../../core/errors.js";
import type { Store } from "../../core/ports.js";

/** Why paperboy paused a channel when the bot left its server; resumed only for that reason on rejoin. */
export const REMOVED_REASON = "bot removed from server";

export function guildMembershipListeners(store: Store, logger: Logger): { onGuildDelete(guild: Guild): void; onGuildCreate(guild: Guild): void } {
  const onGuildDelete = (guild: Guild): void => {
    void setGuildPaused(store, guild.id, true).then(
      (count) => logger.info({ guild: guild.id, paused: count }, "removed from a Discord server: its channels are paused"),
      (error: unknown) => logger.error({ guild: guild.id, err: errorMessage(error) }, "could not pause the channels of a removed server"),
    );
  };
  const onGuildCreate = (guild: Guild): void => {
    void setGuildPaused(store, guild.id, false).then(
      (count) => logger.info({ guild: guild.id, resumed: count }, "joined a Discord server"),
      (error: unknown) => logger.error({ guild: guild.id, err: errorMessage(error) }, "could not resume the channels of a joined server"),
    );
  };
  return { onGuildDelete, onGuildCreate };
}

/**
 * Pauses every channel of a guild the bot was removed from; on (re)join resumes only those paused for that
 * reason, never ones a manager paused. Returns how many channels changed.
 */
export async function setGuildPaused(store: Store, guildId: string, paused: boolean): Promise<number> {
  const channels = await store.listChannels({ platform: "discord", workspace: guildId });
  let changed = 0;
  for (const channel of channels) {
    if (paused && !channel.settings.paused) {
      await store.updateSettings(channel.id, { paused: true }, REMOVED_REASON);
      changed += 1;
    } else if (!paused && channel.settings.paused && channel.pausedReason === REMOVED_REASON) {
      await store.updateSettings(channel.id, { paused: false }, null);
      changed += 1;
    }
  }
  return changed;
}
