/**
 * The Discord platform: a discord.js client with the Guilds intent only (slash commands arrive as
 * interactions and need no privileged intents), message creation over the client's REST with an
 * idempotency nonce and recovery (recovery.ts). Inbound packets are checked in inbound-guard.ts, the
 * gateway's state followed in gateway-state.ts, server joins and leaves handled in guild-membership.ts.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Routes, type RESTOptions } from "discord.js";
import type { Logger } from "pino";
import { personalUser, type ChannelRef } from "../../core/channel.js";
import { errorMessage, PaperboyError, PlatformError } from "../../core/errors.js";
import type { CommandHandler, Message, Platform, SendOptions, Store } from "../../core/ports.js";
import type { Config } from "../../config.js";
import { watchGateway } from "./gateway-state.js";
import { discordDmResolver } from "./dm.js";
import { guildMembershipListeners } from "./guild-membership.js";
import { interactionPacketGuard } from "./inbound-guard.js";
import { interactionListener } from "./interactions.js";
import { DISCORD_LIMITS } from "./limits.js";
import { earlierAttemptFinder } from "./recovery.js";
import { renderDiscordPost, type DiscordMessageBody } from "./render.js";
import { toPlatformError } from "./send-errors.js";

export interface DiscordPlatformDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Test seam: how long a command may run before the reply is deferred (default 1500 ms). */
  deferAfterMs?: number;
}

/** A rate-limit wait longer than this fails the send (retryable) instead of blocking the delivery loop. */
const MAX_RATE_LIMIT_WAIT_MS = 60_000;

export function createDiscordPlatform(deps: DiscordPlatformDeps): Platform {
  const { config, store, logger } = deps;
  const token = config.discord.token;
  const rest: Partial<RESTOptions> = {
    // @discordjs/rest waits out 429s by itself (Retry-After, buckets, global) and retries 5xx/network errors.
    retries: 3,
    timeout: 15_000,
    rejectOnRateLimit: (data) => data.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
    ...(config.discord.apiUrl ? { api: config.discord.apiUrl } : {}),
  };
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest, allowedMentions: { parse: [], repliedUser: false } });
  // Sending needs no gateway session (e.g. `paperboy deliver`), only the token.
  if (token) client.rest.setToken(token);
  client.rest.on("rateLimited", (info) => logger.debug({ route: info.route, retryAfter: info.retryAfter, global: info.global }, "discord rate limited"));
  client.on(Events.Warn, (message) => logger.warn({ message }, "discord warning"));
  client.on(Events.Error, (error) => logger.error({ err: errorMessage(error) }, "discord client error"));
  const connection = watchGateway(client, logger);
  const earlier = earlierAttemptFinder(client.rest, logger);
  const dms = discordDmResolver(client.rest);
  const { onGuildDelete, onGuildCreate } = guildMembershipListeners(store, logger);
  const { onRawPacket, takeRefusal } = interactionPacketGuard(client, logger);

  return {
    kind: "discord",
    render: renderDiscordPost,

    async send(channel: ChannelRef, message: Message, options: SendOptions): Promise<string> {
      if (channel.platform !== "discord") throw new PlatformError("discord_wrong_channel", `not a Discord channel: ${channel.platform}`, { retryable: false });
      const body: DiscordMessageBody & Record<string, unknown> = {
        ...(message.body as DiscordMessageBody),
        allowed_mentions: { parse: [] },
        // Same key → same nonce: within Discord's nonce window a retried or recovering send returns the
        // message created first instead of posting it twice.
        nonce: nonceFor(options.key),
        enforce_nonce: true,
      };
      if (options.replyTo) body.message_reference = { message_id: options.replyTo, fail_if_not_exists: false };
      try {
        // A personal follow (`@456`) goes to the DM channel with that person.
        const user = personalUser(channel);
        const target = user ? await dms.channelFor(user) : channel.channel;
        // The nonce stays too: belt and braces while history is unreadable.
        const found = options.recovering ? await earlier.find(target, message.body as DiscordMessageBody, options.replyTo) : null;
        if (found) {
          logger.info({ channel: channel.channel, key: options.key, message: found }, "an earlier attempt had reached Discord; not sending again");
          return found;
        }
        const created = (await client.rest.post(Routes.channelMessages(target), { body })) as { id: string };
        return created.id;
      } catch (error) {
        const failure = toPlatformError(error);
        logger.warn({ channel: channel.channel, guild: channel.workspace, code: failure.code, retryable: failure.retryable }, "discord send failed");
        throw failure;
      }
    },

    async start(onCommand: CommandHandler): Promise<void> {
      if (!token) throw new PaperboyError("discord_not_configured", "DISCORD_TOKEN is not set");
      // Raw runs synchronously before discord.js builds the Interaction from the same packet object.
      client.on(Events.Raw, onRawPacket);
      client.on(Events.InteractionCreate, interactionListener({ config, store, logger, onCommand, takeRefusal, deferAfterMs: deps.deferAfterMs ?? 1500 }));
      client.on(Events.GuildDelete, onGuildDelete);
      client.on(Events.GuildCreate, onGuildCreate);
      const ready = once(client, Events.ClientReady);
      await client.login(token);
      if (!client.isReady()) await ready;
      logger.info({ user: client.user?.id, guilds: client.guilds.cache.size }, "discord connected");
    },

    connection: () => connection.snapshot(),

    async stop(): Promise<void> {
      client.removeAllListeners(Events.InteractionCreate);
      client.off(Events.Raw, onRawPacket);
      client.off(Events.GuildDelete, onGuildDelete);
      client.off(Events.GuildCreate, onGuildCreate);
      await client.destroy();
    },
  };
}

/** A deterministic create-message nonce (≤ 25 characters) for a delivery message key. */
export function nonceFor(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, DISCORD_LIMITS.nonce);
}
