/**
 * Slack's message limits, as named constants. Sources:
 * - Block Kit reference, https://docs.slack.dev/reference/block-kit/blocks (50 blocks per message; section
 *   text 3000, fields 10 × 2000; header plain_text 150; context 10 elements)
 * - chat.postMessage, https://docs.slack.dev/reference/methods/chat.postMessage (text: keep under 4000;
 *   Slack truncates far longer text)
 * - The undocumented total: messages whose blocks hold more than ~12,000 characters are rejected with
 *   `msg_blocks_too_long` (bolt-js issues #2509, #2867); we keep a budget below it.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Text of one context element; not documented separately — kept well under the 3000 of text objects. */
  contextElementText: 2000,
  /** Slack rejects above ~12,000 characters of block text; this is the budget the renderer packs to. */
  blocksTextBudget: 11_000,
  /** Where Slack starts answering `msg_blocks_too_long` (used by the fake). */
  blocksTextHard: 12_000,
  /** The plain `text` fallback (notifications, screen readers). */
  fallbackText: 4000,
} as const;
