/**
 * What the Bolt app listens for: the slash command, and the events that end an installation.
 *
 * Slash commands must be acknowledged within 3 seconds, so the ack goes out first (empty) and the answer
 * follows through `respond()` (the command's response_url: up to 5 uses within 30 minutes).
 * https://docs.slack.dev/interactivity/implementing-slash-commands#responding_to_commands
 */
import type { AllMiddlewareArgs, App, BlockAction, RespondFn, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { Config } from "../../config.js";
import { errorMessage } from "../../core/errors.js";
import type { Command, CommandContext, CommandHandler } from "../../core/ports.js";
import { notePost, text, type Post } from "../../core/post.js";
import type { Logger } from "../../log.js";
import { pagerCommand, PAGER_REFUSAL } from "../pager-buttons.js";
import { voteCommand, VOTE_REFUSAL } from "../vote-buttons.js";
import { commandContext, parseSlashText } from "./commands.js";
import type { SlackMessageBody } from "./render.js";
import { PAGER_ACTION_PREFIX, renderSlackPost, VOTE_ACTION_PREFIX } from "./render.js";

/** How a button's answer goes out: in place of the message it was on (pager), or as a new one (vote). */
type Answer = "replace" | "new";

/** Action ids of neither kind: not made by paperboy, refused. */
const OTHER_ACTIONS = new RegExp(`^(?!${PAGER_ACTION_PREFIX}|${VOTE_ACTION_PREFIX})`);

export interface ListenerDeps {
  command: string;
  config: Config;
  logger: Logger;
  handler: CommandHandler;
  canPost(token: string | undefined, channel: string): Promise<string | null>;
  onUninstalled(team: string | undefined, enterprise: string | undefined, reason: string): Promise<void>;
}

export function registerListeners(app: App, deps: ListenerDeps): void {
  const log = deps.logger;

  app.command(deps.command, async ({ command, ack, respond, context }) => {
    await ack();
    const parsed = parseSlashText(command.text);
    const commandLog = log.child({ team: command.team_id, channel: command.channel_id, user: command.user_id, command: parsed.name });
    const ctx = commandContext(command, deps.config, () => deps.canPost(context.botToken, command.channel_id));
    await runCommand(parsed, ctx, respond, commandLog, null);
  });

  // Button presses in paperboy's messages, each kind on its own action_id prefix; any other id is refused.
  // Acked first (3 s rule); the answer then goes through the press's response_url.
  // https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
  // Pager: the page replaces the (ephemeral) message the button was on.
  app.action({ type: "block_actions", action_id: new RegExp(`^${PAGER_ACTION_PREFIX}`) }, async (args) => {
    await pressButton(args, pagerCommand, PAGER_REFUSAL, "replace");
  });
  // Vote: the presser's vote in this channel; the answer is a new ephemeral message, never an edit of the post.
  app.action({ type: "block_actions", action_id: new RegExp(`^${VOTE_ACTION_PREFIX}`) }, async (args) => {
    await pressButton(args, voteCommand, VOTE_REFUSAL, "new");
  });
  app.action({ type: "block_actions", action_id: OTHER_ACTIONS }, async (args) => {
    await pressButton(args, () => null, PAGER_REFUSAL, "new");
  });

  // Bolt skips authorization for these two events, so they arrive even when the token is already dead.
  app.event("app_uninstalled", async ({ body }) => {
    await deps.onUninstalled(body.team_id, body.enterprise_id, "slack app uninstalled");
  });
  app.event("tokens_revoked", async ({ event, body }) => {
    if ((event.tokens.bot ?? []).length > 0) await deps.onUninstalled(body.team_id, body.enterprise_id, "slack app uninstalled");
  });

  app.error(async (error) => {
    log.error({ code: (error as { code?: string }).code, err: error }, "Slack app error");
  });

  /** A button press → the command its value stands for, run as the presser in the press's channel. */
  async function pressButton(args: SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs, commandOf: (value: unknown) => Command | null, refusal: string, answer: Answer): Promise<void> {
    const { body, action, ack, respond, context } = args;
    await ack();
    const value = action.type === "button" ? action.value : undefined;
    const command = commandOf(value);
    const channel = body.channel?.id;
    const pressLog = log.child({ team: body.team?.id, channel, user: body.user.id, action: action.action_id });
    if (!command || !channel || !body.team) {
      pressLog.warn({ value: String(value).slice(0, 120) }, "refused a Slack button press paperboy did not make");
      await respond({ response_type: "ephemeral", replace_original: false, text: refusal }).catch((error: unknown) => pressLog.error({ err: error }, "could not refuse a button press"));
      return;
    }
    const payload = { team_id: body.team.id, channel_id: channel, user_id: body.user.id };
    await runCommand(command, commandContext(payload, deps.config, () => deps.canPost(context.botToken, channel)), respond, pressLog, answer);
  }

  /** Runs a command through the one handler and answers through the response_url. */
  async function runCommand(command: Command, ctx: CommandContext, respond: RespondFn, commandLog: Logger, answer: Answer | null): Promise<void> {
    let post: Post;
    try {
      post = await deps.handler(command, ctx);
    } catch (error) {
      commandLog.error({ err: error }, "slash command failed");
      post = notePost("Something went wrong", [[text(`paperboy could not run \`${command.name}\`: ${errorMessage(error).slice(0, 300)}`)]], { isError: true });
    }
    await reply(respond, post, commandLog, answer);
  }
}

/** A response_url takes at most 5 messages (within 30 minutes). */
const RESPONSE_URL_USES = 5;

/** Every message of the rendered reply, in order, through the response_url. */
async function reply(respond: RespondFn, post: Post, log: Logger, answer: Answer | null): Promise<void> {
  const responseType = post.ephemeral === false ? "in_channel" : "ephemeral";
  // Rendered as ephemeral: a response_url cannot start threads, so card details stay inline.
  let messages = renderSlackPost({ ...post, ephemeral: true });
  if (messages.length > RESPONSE_URL_USES) {
    // Only a very long preview gets here; the channel's real posts are never cut like this.
    const shown = messages.slice(0, RESPONSE_URL_USES - 1);
    const note = notePost("Answer cut short", [[text(`Slack lets a command answer with ${RESPONSE_URL_USES} messages at most; ${messages.length - shown.length} more were not shown.`)]]);
    messages = [...shown, ...renderSlackPost(note)];
  }
  for (const [index, message] of messages.entries()) {
    const body = message.body as SlackMessageBody;
    // A pager press replaces the message it was on with the first message of the new page; a vote's
    // answer is always a new message (Slack would otherwise be free to replace the post it was on).
    const replace = answer === "replace" ? { replace_original: index === 0 } : answer === "new" ? { replace_original: false } : {};
    try {
      await respond({ response_type: responseType, ...replace, text: body.text, blocks: body.blocks });
    } catch (error) {
      log.error({ err: error }, "could not answer the slash command through its response_url");
      return;
    }
  }
}
