/**
 * A platform's connection state as its SDK reports it (discord.js shard events, Slack's SocketModeClient),
 * logged on every change and counted, so /healthz and /metrics can say when a platform is not connected.
 */
import type { ConnectionChange, ConnectionState, Log, PlatformConnection } from "../core/ports.js";

const STATE_AFTER: Record<ConnectionChange, ConnectionState> = { connected: "connected", resumed: "connected", reconnecting: "connecting", disconnected: "disconnected" };

export interface ConnectionTracker {
  /** Records a change; `reason` says why a connection is not up (ignored once connected). */
  change(change: ConnectionChange, reason?: string, detail?: Record<string, unknown>): void;
  snapshot(): PlatformConnection;
}

export function createConnectionTracker(platform: string, log: Log): ConnectionTracker {
  let state: ConnectionState = "connecting";
  let reason: string | null = "not connected yet";
  const changes: Record<ConnectionChange, number> = { connected: 0, reconnecting: 0, resumed: 0, disconnected: 0 };
  return {
    change(change, why, detail = {}) {
      state = STATE_AFTER[change];
      reason = state === "connected" ? null : (why ?? change);
      changes[change] += 1;
      const fields = { platform, change, ...(reason ? { reason } : {}), ...detail };
      if (state === "connected") log.info(fields, `${platform} ${change}`);
      else log.warn(fields, `${platform} ${change}`);
    },
    snapshot: () => ({ state, reason, changes: { ...changes } }),
  };
}
