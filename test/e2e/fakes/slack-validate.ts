/**
 * What real Slack checks on a message, for the fake: Block Kit shape and limits, the ~12k total, the text
 * fallback. Answers with Slack's own error codes.
 * https://docs.slack.dev/reference/block-kit/blocks · https://docs.slack.dev/reference/methods/chat.postMessage
 */

export const FAKE_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  textObject: 3000,
  blockId: 255,
  totalBlockText: 12_000,
  fallbackText: 4000,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
} as const;

type Json = Record<string, unknown>;

export interface ValidationFailure {
  error: string;
  detail: string;
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function textObject(value: unknown, max: number, where: string, allowed: Array<"mrkdwn" | "plain_text"> = ["mrkdwn", "plain_text"]): string | number {
  if (!isObject(value)) return `${where}: text object expected`;
  if (!allowed.includes(value["type"] as "mrkdwn")) return `${where}: type must be ${allowed.join(" or ")}`;
  const text = value["text"];
  if (typeof text !== "string" || text.length < 1) return `${where}: text must be a non-empty string`;
  if (text.length > max) return `${where}: text longer than ${max} (${text.length})`;
  if ("emoji" in value && value["type"] !== "plain_text") return `${where}: emoji only on plain_text`;
  if ("verbatim" in value && value["type"] !== "mrkdwn") return `${where}: verbatim only on mrkdwn`;
  const extra = Object.keys(value).filter((key) => !["type", "text", "emoji", "verbatim"].includes(key));
  if (extra.length > 0) return `${where}: unknown keys ${extra.join(",")}`;
  return text.length;
}

/** Returns the block's text length, or a string describing the problem. */
function block(value: unknown, index: number): string | number {
  const where = `blocks[${index}]`;
  if (!isObject(value)) return `${where}: object expected`;
  const blockId = value["block_id"];
  if (blockId !== undefined && (typeof blockId !== "string" || blockId.length > FAKE_LIMITS.blockId)) return `${where}: bad block_id`;
  const keys = (allowed: string[]): string | null => {
    const extra = Object.keys(value).filter((key) => !["type", "block_id", ...allowed].includes(key));
    return extra.length > 0 ? `${where}: unknown keys ${extra.join(",")}` : null;
  };
  switch (value["type"]) {
    case "divider":
      return keys([]) ?? 0;
    case "header":
      return keys(["text"]) ?? textObject(value["text"], FAKE_LIMITS.headerText, `${where}.text`, ["plain_text"]);
    case "section": {
      const bad = keys(["text", "fields", "accessory"]);
      if (bad) return bad;
      let total = 0;
      if (value["text"] === undefined && value["fields"] === undefined) return `${where}: section needs text or fields`;
      if (value["text"] !== undefined) {
        const length = textObject(value["text"], FAKE_LIMITS.sectionText, `${where}.text`);
        if (typeof length === "string") return length;
        total += length;
      }
      if (value["fields"] !== undefined) {
        const fields = value["fields"];
        if (!Array.isArray(fields) || fields.length < 1 || fields.length > FAKE_LIMITS.fields) return `${where}.fields: 1..${FAKE_LIMITS.fields} expected`;
        for (const [i, field] of fields.entries()) {
          const length = textObject(field, FAKE_LIMITS.fieldText, `${where}.fields[${i}]`);
          if (typeof length === "string") return length;
          total += length;
        }
      }
      return total;
    }
    case "context": {
      const bad = keys(["elements"]);
      if (bad) return bad;
      const elements = value["elements"];
      if (!Array.isArray(elements) || elements.length < 1 || elements.length > FAKE_LIMITS.contextElements) return `${where}.elements: 1..${FAKE_LIMITS.contextElements} expected`;
      let total = 0;
      for (const [i, element] of elements.entries()) {
        const length = textObject(element, FAKE_LIMITS.textObject, `${where}.elements[${i}]`);
        if (typeof length === "string") return length;
        total += length;
      }
      return total;
    }
    case "actions": {
      const bad = keys(["elements"]);
      if (bad) return bad;
      return actionElements(value["elements"], where);
    }
    default:
      return `${where}: block type ${String(value["type"])} not supported by the fake`;
  }
}

/**
 * An actions block's elements (buttons only in the fake): 1..25, unique action_ids, text ≤ 75, action_id
 * ≤ 255, value ≤ 2000. https://docs.slack.dev/reference/block-kit/blocks/actions-block ·
 * https://docs.slack.dev/reference/block-kit/block-elements/button-element
 */
function actionElements(elements: unknown, where: string): string | number {
  if (!Array.isArray(elements) || elements.length < 1 || elements.length > FAKE_LIMITS.actionsElements) return `${where}.elements: 1..${FAKE_LIMITS.actionsElements} expected`;
  const ids = new Set<string>();
  let total = 0;
  for (const [i, element] of elements.entries()) {
    const at = `${where}.elements[${i}]`;
    if (!isObject(element) || element["type"] !== "button") return `${at}: only buttons are supported by the fake`;
    const extra = Object.keys(element).filter((key) => !["type", "text", "action_id", "value", "style", "url"].includes(key));
    if (extra.length > 0) return `${at}: unknown keys ${extra.join(",")}`;
    const length = textObject(element["text"], FAKE_LIMITS.buttonText, `${at}.text`, ["plain_text"]);
    if (typeof length === "string") return length;
    total += length;
    const actionId = element["action_id"];
    if (actionId !== undefined && (typeof actionId !== "string" || actionId.length < 1 || actionId.length > FAKE_LIMITS.actionId)) return `${at}.action_id: 1..${FAKE_LIMITS.actionId} characters`;
    if (typeof actionId === "string") {
      if (ids.has(actionId)) return `${at}.action_id: duplicate ${actionId}`;
      ids.add(actionId);
    }
    const value = element["value"];
    if (value !== undefined && (typeof value !== "string" || value.length > FAKE_LIMITS.buttonValue)) return `${at}.value: at most ${FAKE_LIMITS.buttonValue} characters`;
    if (element["style"] !== undefined && element["style"] !== "primary" && element["style"] !== "danger") return `${at}.style: primary or danger`;
  }
  return total;
}

/** Every button of a list of blocks (for pressing them in tests). */
export function blockButtons(blocks: unknown): Array<{ text: string; action_id: string; value: string }> {
  if (!Array.isArray(blocks)) return [];
  return blocks
    .filter((value): value is Json => isObject(value) && value["type"] === "actions" && Array.isArray(value["elements"]))
    .flatMap((value) => (value["elements"] as Json[]).map((element) => ({ text: String((element["text"] as Json)["text"]), action_id: String(element["action_id"]), value: String(element["value"]) })));
}

/** Validates `blocks` as Slack would; null when fine. */
export function validateBlocks(blocks: unknown): ValidationFailure | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return { error: "invalid_blocks_format", detail: "blocks must be an array" };
  if (blocks.length > FAKE_LIMITS.blocks) return { error: "invalid_blocks", detail: `more than ${FAKE_LIMITS.blocks} blocks (${blocks.length})` };
  let total = 0;
  const ids = new Set<string>();
  for (const [index, value] of blocks.entries()) {
    const result = block(value, index);
    if (typeof result === "string") return { error: "invalid_blocks", detail: result };
    total += result;
    const id = isObject(value) ? value["block_id"] : undefined;
    if (typeof id === "string") {
      if (ids.has(id)) return { error: "invalid_blocks", detail: `duplicate block_id ${id}` };
      ids.add(id);
    }
  }
  if (total > FAKE_LIMITS.totalBlockText) return { error: "msg_blocks_too_long", detail: `${total} characters of block text` };
  return null;
}

/** The message-level rules: fallback text present and short enough, no mention/link parsing switched on. */
export function validateMessage(body: Json): ValidationFailure | null {
  if ("link_names" in body) return { error: "invalid_arguments", detail: "link_names must never be sent (it turns digest text into mentions)" };
  if ("parse" in body) return { error: "invalid_arguments", detail: "parse must never be sent (it turns digest text into mentions)" };
  const text = body["text"];
  if (typeof text !== "string" || text.trim() === "") return { error: "no_text", detail: "a plain text fallback is required" };
  if (text.length > FAKE_LIMITS.fallbackText) return { error: "msg_too_long", detail: `text fallback of ${text.length} characters` };
  return validateBlocks(body["blocks"]);
}

/** Every text string in a list of blocks (for assertions). */
export function blockTexts(blocks: unknown): string[] {
  if (!Array.isArray(blocks)) return [];
  const out: string[] = [];
  for (const value of blocks) {
    if (!isObject(value)) continue;
    const text = value["text"];
    if (isObject(text) && typeof text["text"] === "string") out.push(text["text"]);
    for (const list of [value["fields"], value["elements"]]) {
      if (!Array.isArray(list)) continue;
      for (const element of list) if (isObject(element) && typeof element["text"] === "string") out.push(element["text"]);
    }
  }
  return out;
}
