/**
 * Discord's message limits, as named constants. Sources:
 * - Create Message, https://discord.com/developers/docs/resources/message#create-message (content 2000,
 *   up to 10 embeds, nonce up to 25 characters)
 * - Embed limits, https://discord.com/developers/docs/resources/message#embed-object-embed-limits (title
 *   256, description 4096, 25 fields, field name 256, field value 1024, footer 2048, author 256, and 6000
 *   characters across every embed of one message)
 * - Components, https://discord.com/developers/docs/components/reference#action-row · …#button (5 action
 *   rows per message, 5 buttons per row, label 80, custom_id 100)
 */
export const DISCORD_LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Title + description + field names and values + footer + author of every embed in one message. */
  embedsTotal: 6000,
  nonce: 25,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
} as const;

/** arXiv red, so paper cards are recognisable in a busy channel. */
export const CARD_COLOR = 0xb31b1b;
export const ERROR_COLOR = 0xe67e22;
