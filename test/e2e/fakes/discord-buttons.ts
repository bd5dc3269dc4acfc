/**
 * Pressing a button on a message the bot posted in a channel: Discord only sends a MESSAGE_COMPONENT
 * interaction for a custom_id that is really on the message, so the fake refuses any other.
 */
import type { FakeDiscord, FakeMessage, InteractionResult } from "./discord.js";

type Row = { components?: Array<{ custom_id?: string; label?: string }> };

/** Every button of a message body: its label and custom_id, row by row flattened. */
export function postedButtons(message: FakeMessage): Array<{ label: string; customId: string }> {
  const rows = (message.body.components ?? []) as Row[];
  return rows.flatMap((row) => (row.components ?? []).map((button) => ({ label: String(button.label ?? ""), customId: String(button.custom_id ?? "") })));
}

export function pressPostedButton(fake: FakeDiscord, message: FakeMessage, customId: string, options: { guildId: string; userId: string; permissions?: string }): Promise<InteractionResult> {
  if (!postedButtons(message).some((button) => button.customId === customId)) throw new Error(`fake Discord: message ${message.id} has no button ${customId}`);
  return fake.pressButton({ guildId: options.guildId, channelId: message.channel_id, userId: options.userId, customId, message: message.body, ephemeral: false, ...(options.permissions ? { permissions: options.permissions } : {}) });
}
