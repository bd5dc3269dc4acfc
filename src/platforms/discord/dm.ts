/**
 * The DM channel with a person, for personal follows (`discord:G1/@456`): POST /users/@me/channels with
 * `recipient_id` answers the existing DM channel (or creates it).
 * https://discord.com/developers/docs/resources/user#create-dm
 * Creating it succeeds even when the person does not accept DMs; the message send then fails with 50007
 * (send-errors.ts maps it to DM_CLOSED). The answer never changes for a user, so it is cached.
 */
import { Routes, type APIDMChannel, type REST } from "discord.js";
import { PlatformError } from "../../core/errors.js";
import { toPlatformError } from "./send-errors.js";

export interface DiscordDmResolver {
  /** The DM channel id for user `userId`; rejects with a PlatformError. */
  channelFor(userId: string): Promise<string>;
}

export function discordDmResolver(rest: REST): DiscordDmResolver {
  const cache = new Map<string, string>();
  return {
    async channelFor(userId) {
      const cached = cache.get(userId);
      if (cached) return cached;
      let created: APIDMChannel;
      try {
        created = (await rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as APIDMChannel;
      } catch (error) {
        throw toPlatformError(error);
      }
      if (typeof created?.id !== "string") throw new PlatformError("discord_no_dm", "creating the DM channel answered without an id", { retryable: false });
      cache.set(userId, created.id);
      return created.id;
    },
  };
}
