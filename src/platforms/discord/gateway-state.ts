/** The gateway connection's state, from discord.js's shard events (for /healthz, /metrics and the logs). */
import { Events, WebSocketShardEvents, type Client } from "discord.js";
import type { Logger } from "pino";
import { createConnectionTracker, type ConnectionTracker } from "../connection-state.js";

/**
 * Follows the gateway through discord.js's shard events. discord.js reconnects by itself after a resumable
 * close (https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes)
 * but says so only at debug level; these changes are logged and counted instead. The close code reaches
 * only the shard's own `close` event, which fires just before ShardReconnecting.
 */
export function watchGateway(client: Client, logger: Logger): ConnectionTracker {
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
