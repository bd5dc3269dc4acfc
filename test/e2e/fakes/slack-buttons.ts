/**
 * Button presses on messages the bot posted in a channel, as Slack sends them: a block_actions payload
 * whose `message` is the posted message, for a button that must really be on it. Delivered over Socket
 * Mode by FakeSlack.pressPostedButton, or over HTTP (signed, form-encoded) by postSignedAction, which holds
 * the app to Slack's 3-second answer.
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload ·
 * https://docs.slack.dev/interactivity/handling-user-interaction#acknowledgment_response
 */
import { randomUUID } from "node:crypto";
import { signSlackRequest, type FakeMessage } from "./slack.js";

type Json = Record<string, unknown>;

/** Slack's window for acknowledging an interaction (an envelope ack, or the HTTP 200). */
export const INTERACTION_ACK_MS = 3_000;

interface PostedButton {
  blockId: string;
  element: Json;
}

/** The button with this action_id on the message; throws when there is none (Slack cannot send that press). */
export function buttonOn(message: FakeMessage, actionId: string): PostedButton {
  for (const block of message.blocks as Json[]) {
    if (block["type"] !== "actions") continue;
    const element = (block["elements"] as Json[]).find((candidate) => candidate["action_id"] === actionId);
    if (element) return { blockId: String(block["block_id"] ?? ""), element };
  }
  throw new Error(`fake Slack: message ${message.ts} has no button ${actionId}`);
}

/** The block_actions payload for pressing a button of a channel message (not ephemeral: `message` is sent). */
export function postedButtonPayload(message: FakeMessage, user: string, actionId: string, responseUrl: string): Json {
  const { blockId, element } = buttonOn(message, actionId);
  const actionTs = `${Date.now() / 1000}`;
  return {
    type: "block_actions",
    token: "verification",
    api_app_id: "A0PAPERBOY",
    team: { id: message.team, domain: message.team.toLowerCase() },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: message.team },
    container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: false },
    channel: { id: message.channel, name: message.channel.toLowerCase() },
    message: { type: "message", ts: message.ts, text: message.text, blocks: message.blocks, bot_id: "B0PAPERBOY" },
    trigger_id: `trig.${randomUUID()}`,
    response_url: responseUrl,
    is_enterprise_install: false,
    enterprise: null,
    state: { values: {} },
    actions: [{ type: "button", block_id: blockId, action_id: actionId, text: element["text"], value: element["value"], action_ts: actionTs }],
  };
}

/**
 * Posts a block_actions payload to an app in HTTP mode as Slack does: form-encoded `payload`, signed with
 * the signing secret. Slack shows the person an error when the app does not answer 200 within 3 s, so the
 * fake throws then.
 */
export async function postSignedAction(url: string, signingSecret: string, payload: Json): Promise<number> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), INTERACTION_ACK_MS);
  try {
    const response = await fetch(url, { method: "POST", body, signal: controller.signal, headers: { "content-type": "application/x-www-form-urlencoded", ...signSlackRequest(signingSecret, body) } });
    await response.text();
    return response.status;
  } catch (error) {
    if (controller.signal.aborted) throw new Error(`fake Slack: the app did not answer the interaction within ${INTERACTION_ACK_MS} ms`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
