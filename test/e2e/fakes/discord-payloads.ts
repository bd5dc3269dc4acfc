/**
 * Gateway and REST payloads of the fake Discord, shaped like Discord's own (API v10) with the fields
 * discord.js reads: guilds for GUILD_CREATE, INTERACTION_CREATE, and message objects.
 * https://discord.com/developers/docs/events/gateway-events
 */

export const MANAGE_CHANNELS = 1n << 4n;
export const BASIC_MEMBER = (1n << 10n) | (1n << 11n) | (1n << 16n); // view, send, read history
export const BOT_OK = (1n << 10n) | (1n << 11n) | (1n << 14n); // view, send, embed links

export type User = { id: string; username: string; discriminator: string; global_name: null; avatar: null; bot?: boolean };

export function fakeUser(id: string): User {
  return { id, username: `user${id.slice(-4)}`, discriminator: "0", global_name: null, avatar: null };
}

export function guildPayload(id: string, name: string, channelIds: string[]): Record<string, unknown> {
  return {
    id,
    name,
    icon: null,
    owner_id: "800000000000009999",
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    premium_tier: 0,
    system_channel_flags: 0,
    preferred_locale: "en-US",
    features: [],
    emojis: [],
    stickers: [],
    roles: [{ id, name: "@everyone", color: 0, hoist: false, position: 0, permissions: BASIC_MEMBER.toString(), managed: false, mentionable: false, flags: 0 }],
    channels: channelIds.map((channel, position) => ({ id: channel, type: 0, guild_id: id, name: `channel-${channel}`, position, permission_overwrites: [], parent_id: null, topic: null, nsfw: false, rate_limit_per_user: 0, last_message_id: null })),
    threads: [],
    members: [],
    voice_states: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: "2025-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 2,
  };
}

export interface InteractionPayloadInput {
  id: string;
  token: string;
  applicationId: string;
  guildId: string | null;
  channelId: string;
  user: User;
  permissions: string;
  appPermissions: string;
  autocomplete: boolean;
  subcommand: string;
  options: Array<{ name: string; type: number; value: string | number | boolean; focused?: boolean }>;
}

/** A chat-input (type 2) or autocomplete (type 4) interaction for `/papers <subcommand>`. */
export function interactionPayload(input: InteractionPayloadInput): Record<string, unknown> {
  const inGuild = input.guildId !== null;
  const payload: Record<string, unknown> = {
    id: input.id,
    application_id: input.applicationId,
    type: input.autocomplete ? 4 : 2,
    token: input.token,
    version: 1,
    channel_id: input.channelId,
    channel: inGuild
      ? { id: input.channelId, type: 0, guild_id: input.guildId, name: `channel-${input.channelId}`, position: 0, permission_overwrites: [] }
      : { id: input.channelId, type: 1, recipients: [input.user] },
    app_permissions: input.appPermissions,
    locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: inGuild ? { "0": input.guildId } : { "1": input.user.id },
    context: inGuild ? 0 : 1,
    data: { id: "900000000000000100", name: "papers", type: 1, options: [{ type: 1, name: input.subcommand, options: input.options }] },
  };
  if (inGuild) {
    payload.guild_id = input.guildId;
    payload.guild_locale = "en-US";
    payload.member = { user: input.user, roles: [], permissions: input.permissions, joined_at: "2025-01-01T00:00:00.000Z", deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false };
  } else {
    payload.user = input.user;
  }
  return payload;
}

/**
 * A button press (MESSAGE_COMPONENT, type 3) on `message`, a message of the bot's.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-object
 */
export function componentPayload(input: Omit<InteractionPayloadInput, "autocomplete" | "subcommand" | "options"> & { customId: string; message: Record<string, unknown> }): Record<string, unknown> {
  const payload = interactionPayload({ ...input, autocomplete: false, subcommand: "", options: [] });
  return { ...payload, type: 3, message: input.message, data: { custom_id: input.customId, component_type: 2 } };
}

export interface StoredMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Array<Record<string, unknown>>;
  nonce?: string;
  flags: number;
}

/** A message object as the REST API returns it (discord.js builds a Message from it). */
export function messagePayload(message: StoredMessage, author: User): Record<string, unknown> {
  return {
    id: message.id,
    type: 0,
    channel_id: message.channel_id,
    author,
    content: message.content,
    embeds: message.embeds,
    attachments: [],
    components: [],
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    pinned: false,
    tts: false,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    flags: message.flags,
    ...(message.nonce === undefined ? {} : { nonce: message.nonce }),
  };
}
