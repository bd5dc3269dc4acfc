/**
 * The Discord platform: a discord.js client with the Guilds intent only (slash commands arrive as
 * interactions and need no privileged intents), message creation over the client's REST with an
 * idempotency nonce, and guild join/leave bookkeeping.
 */
import { createHash } from "node:crypto";
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Routes, WebSocketShardEvents, type Guild, type RESTOptions } from "discord.js";
import type { Logger } from "pino";
import type { ChannelRef } from "../../core/channel.js";
import { errorMessage, PaperboyError, PlatformError } from "../../core/errors.js";
import type { CommandHandler, Message, Platform, SendOptions, Store } from "../../core/ports.js";
import type { Config } from "../../config.js";
import { createConnectionTracker, type ConnectionTracker } from "../connection-state.js";
import { guardInteractionPacket, type RawInteraction } from "./inbound-guard.js";
import { interactionListener } from "./interactions.js";
import { earlierAttemptFinder } from "./recovery.js";
import { DISCORD_LIMITS } from "./limits.js";
import { renderDiscordPost, type DiscordMessageBody } from "./render.js";
import { toPlatformError } from "./send-errors.js";

export interface DiscordPlatformDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Test seam: how long a command may run before the reply is deferred (default 1500 ms). */
  deferAfterMs?: number;
}

/** Why paperboy paused a channel when the bot left its server; resumed only for that reason on rejoin. */
export const REMOVED_REASON = "bot removed from server";

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

  // Interactions refused by the packet guard, answered with a refusal instead of being run (bounded: an
  // entry is taken when its interaction arrives, and only a forged packet adds one).
  const refused = new Map<string, string>();
  const onRawPacket = (packet: { t?: unknown; d?: unknown }): void => {
    if (packet.t !== "INTERACTION_CREATE" || packet.d === null || typeof packet.d !== "object") return;
    const raw = packet.d as RawInteraction;
    const verdict = guardInteractionPacket(raw, (id) => {
      const known = client.channels.cache.get(id);
      return known && "guildId" in known ? known.guildId : null;
    });
    const id = String(raw.id);
    if (verdict.repaired.length > 0) logger.warn({ interaction: id, repaired: verdict.repaired }, "discord interaction with an invalid permissions bitfield: read as no permissions");
    if (verdict.refusal) {
      if (refused.size >= 1000) refused.delete(refused.keys().next().value!);
      refused.set(id, verdict.refusal);
    }
  };
  const takeRefusal = (id: string): string | null => {
    const reason = refused.get(id) ?? null;
    refused.delete(id);
    return reason;
  };

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
        // The nonce stays too: belt and braces while history is unreadable.
        const found = options.recovering ? await earlier.find(channel.channel, message.body as DiscordMessageBody, options.replyTo) : null;
        if (found) {
          logger.info({ channel: channel.channel, key: options.key, message: found }, "an earlier attempt had reached Discord; not sending again");
          return found;
        }
        const created = (await client.rest.post(Routes.channelMessages(channel.channel), { body })) as { id: string };
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

/**
 * Follows the gateway through discord.js's shard events. discord.js reconnects by itself after a resumable
 * close (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes)
 * but says so only at debug level; these changes are logged and counted instead. The close code reaches
 * only the shard's own `close` event, which fires just before ShardReconnecting.
 */
function watchGateway(client: Client, logger: Logger): ConnectionTracker {
  const connection = createConnectionTracker("discord", logger);
  const watched = new Set<number>();
  let lastCloseCode: number | null = null;
  const watchShard = (id: number): void => {
    const shard = client.ws.shards.get(id);
    if (!shard || watched.has(id)) return;
    watched.add(id);
    shard.on(WebSocketShardEvents.Close, (event: { code: number }) => {
      lastCloseCode = event.code;
    });
  };
  client.on(Events.ShardReady, (id) => {
    watchShard(id);
    connection.change("connected", undefined, { shard: id });
  });
  client.on(Events.ShardReconnecting, (id) => {
    watchShard(id);
    const reason = lastCloseCode === null ? "gateway connection closed; reconnecting" : `gateway closed with code ${lastCloseCode}; reconnecting`;
    connection.change("reconnecting", reason, { shard: id, code: lastCloseCode });
    lastCloseCode = null;
  });
  client.on(Events.ShardResume, (id, replayed) => connection.change("resumed", undefined, { shard: id, replayed }));
  client.on(Events.ShardDisconnect, (event, id) => connection.change("disconnected", `gateway closed with code ${event.code}; not reconnecting`, { shard: id, code: event.code }));
  return connection;
}

/** A deterministic create-message nonce (≤ 25 characters) for a delivery message key. */
export function nonceFor(key: string): string {
  return createHash("sha256").update(key).digest("hex").slice(0, DISCORD_LIMITS.nonce);
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
