/**
 * Checks an INTERACTION_CREATE packet before discord.js builds an Interaction from it.
 *
 * discord.js parses `member.permissions` and `app_permissions` in the Interaction's constructor, inside its
 * own gateway handler: a value it cannot parse ("abc") throws there, outside any listener of ours, and Node
 * ends the process on the unhandled rejection. A negative value ("-1") parses, and as two's complement it
 * has every bit set — every permission. Discord documents both as decimal bitfield strings
 * (https://discord.com/developers/docs/topics/permissions), so anything else is treated as no permissions.
 *
 * A packet whose channel belongs to another server than its `guild_id` can only be forged; it is refused,
 * so it cannot create a channel row under the wrong server.
 */
import type { Client } from "discord.js";
import type { Logger } from "pino";

/**
 * The guard on a client's raw gateway packets. Raw is emitted synchronously before discord.js builds the
 * Interaction from the same packet object, so repairs made here are what discord.js reads.
 */
export function interactionPacketGuard(client: Client, logger: Logger): { onRawPacket(packet: { t?: unknown; d?: unknown }): void; takeRefusal(id: string): string | null } {
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
  return { onRawPacket, takeRefusal };
}

/** The parts of an INTERACTION_CREATE payload this guard reads and repairs. */
export interface RawInteraction {
  id?: unknown;
  guild_id?: unknown;
  channel_id?: unknown;
  channel?: { id?: unknown; guild_id?: unknown } | null;
  app_permissions?: unknown;
  member?: { permissions?: unknown } | null;
}

export interface InteractionVerdict {
  /** Permission fields that were not a valid bitfield and now read as none. */
  repaired: Array<{ field: string; value: string }>;
  /** Why the interaction must not be acted on; null when it may. */
  refusal: string | null;
}

const BITFIELD = /^\d{1,20}$/;
const NO_PERMISSIONS = "0";

/** Repairs the packet in place (discord.js reads it next) and says whether to refuse it. */
export function guardInteractionPacket(packet: RawInteraction, guildOfChannel: (channelId: string) => string | null): InteractionVerdict {
  const repaired: InteractionVerdict["repaired"] = [];
  if ("app_permissions" in packet && !isBitfield(packet.app_permissions)) {
    repaired.push({ field: "app_permissions", value: preview(packet.app_permissions) });
    packet.app_permissions = NO_PERMISSIONS;
  }
  if (packet.member && "permissions" in packet.member && !isBitfield(packet.member.permissions)) {
    repaired.push({ field: "member.permissions", value: preview(packet.member.permissions) });
    packet.member.permissions = NO_PERMISSIONS;
  }
  return { repaired, refusal: forgedGuild(packet, guildOfChannel) };
}

function isBitfield(value: unknown): boolean {
  return typeof value === "string" && BITFIELD.test(value) && BigInt(value) < 1n << 64n;
}

function forgedGuild(packet: RawInteraction, guildOfChannel: (channelId: string) => string | null): string | null {
  if (typeof packet.guild_id !== "string") return null;
  const channelId = typeof packet.channel_id === "string" ? packet.channel_id : typeof packet.channel?.id === "string" ? packet.channel.id : null;
  const claimed = typeof packet.channel?.guild_id === "string" ? packet.channel.guild_id : null;
  const known = channelId === null ? null : guildOfChannel(channelId);
  const other = [known, claimed].find((guild) => guild !== null && guild !== packet.guild_id);
  if (other === undefined) return null;
  return `channel ${channelId ?? "?"} belongs to server ${other}, not to server ${packet.guild_id}`;
}

function preview(value: unknown): string {
  return String(value).slice(0, 40);
}
