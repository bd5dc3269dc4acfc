/**
 * Sending posts over the Web API: chat.postMessage with a metadata key on every message, and recovery after
 * a crash by finding that key in the channel's history instead of posting again.
 */
import { webApi } from "@slack/bolt";
import { personalUser, type ChannelRef } from "../../core/channel.js";
import { PlatformError } from "../../core/errors.js";
import type { Message, SendOptions } from "../../core/ports.js";
import type { Logger } from "../../log.js";
import { slackDmResolver } from "./dm.js";
import { isRateLimitRetry, toPlatformError } from "./errors.js";
import type { SlackMessageBody } from "./render.js";

/** Marks our messages so a recovering send can find an earlier attempt (conversations.history). */
export const METADATA_EVENT_TYPE = "paperboy_post";

/**
 * Explicit, because the defaults are far too patient for a delivery loop (10 retries over ~30 min; 100 in
 * Socket Mode). A 429's Retry-After is always waited out by the SDK before its next try; these timeouts
 * only add a short jittered backoff (≤ ~1.4 s in all). Sends retry nothing but 429s here (see `sender`);
 * longer waits belong to the delivery engine, which gets a retryable PlatformError (with Retry-After)
 * and retries with `recovering`, so that nothing is posted twice.
 * https://docs.slack.dev/tools/node-slack-sdk/web-api#retries
 */
export const DEFAULT_RETRY_CONFIG: webApi.RetryOptions = { retries: 3, factor: 2, minTimeout: 100, maxTimeout: 2_000, randomize: true };

/** How many recent messages a recovering send looks through for an earlier attempt. */
const RECOVERY_LOOKBACK = 100;

export interface SlackSender {
  send(channel: ChannelRef, message: Message, options: SendOptions): Promise<string>;
  /** Why the bot cannot post in a channel (not a member), or null when it can or we cannot tell. */
  canPost(token: string | undefined, channel: string): Promise<string | null>;
}

export interface SlackSenderDeps {
  clientOptions: webApi.WebClientOptions;
  log: Logger;
  tokenFor(team: string): Promise<string>;
}

export function createSlackSender({ clientOptions, log, tokenFor }: SlackSenderDeps): SlackSender {
  const retryConfig = clientOptions.retryConfig ?? DEFAULT_RETRY_CONFIG;
  const reader = new webApi.WebClient(undefined, clientOptions);
  // chat.postMessage has no idempotency key. A 429 means Slack did not take the message, so the SDK may
  // retry it; a 5xx or a network error may hide a message that was posted, so those go back to the
  // delivery engine, which retries with `recovering` and finds the earlier attempt by its metadata.
  // (`onFailedAttempt` is p-retry's, which the SDK runs its retries with; throwing there stops them.)
  const postRetry: webApi.RetryOptions & { onFailedAttempt(error: Error): void } = {
    ...retryConfig,
    onFailedAttempt: (error) => {
      if (!isRateLimitRetry(error)) throw error;
    },
  };
  const sender = new webApi.WebClient(undefined, { ...clientOptions, retryConfig: postRetry });
  const dms = slackDmResolver(reader);
  let historyScopeWarned = false;

  /** An earlier attempt of this message, found by its metadata key; null when there is none (or no way to know). */
  async function findEarlier(token: string, channel: string, key: string, replyTo: string | null): Promise<string | null> {
    try {
      const result = replyTo
        ? await reader.conversations.replies({ token, channel, ts: replyTo, limit: RECOVERY_LOOKBACK, include_all_metadata: true })
        : await reader.conversations.history({ token, channel, limit: RECOVERY_LOOKBACK, include_all_metadata: true });
      const earlier = (result.messages ?? []).find((message) => message.metadata?.event_type === METADATA_EVENT_TYPE && (message.metadata.event_payload as Record<string, unknown> | undefined)?.["key"] === key);
      return earlier?.ts ?? null;
    } catch (error) {
      const failure = toPlatformError(error);
      if (failure.retryable) throw failure;
      // Without channels:history/groups:history we cannot look: sending again risks a duplicate, not sending
      // risks a lost post — the lesser evil is the duplicate.
      if (!historyScopeWarned) log.warn({ code: failure.code }, "cannot read channel history to check for an earlier attempt; sending anyway (add the history scopes to avoid duplicates after a crash)");
      historyScopeWarned = true;
      return null;
    }
  }

  async function send(channel: ChannelRef, message: Message, options: SendOptions): Promise<string> {
    if (channel.platform !== "slack") throw new PlatformError("wrong_platform", `not a Slack channel: ${channel.platform}`, { retryable: false });
    const token = await tokenFor(channel.workspace);
    // A personal follow (`@U123`) goes to the app's DM with that person.
    const user = personalUser(channel);
    const target = user ? await dms.channelFor(token, channel.workspace, user) : channel.channel;
    if (options.recovering) {
      const earlier = await findEarlier(token, target, options.key, options.replyTo);
      if (earlier) {
        log.info({ channel: channel.channel, key: options.key }, "an earlier attempt had reached Slack; not sending again");
        return earlier;
      }
    }
    const body = message.body as SlackMessageBody;
    try {
      const result = await sender.chat.postMessage({
        ...body,
        token,
        channel: target,
        ...(options.replyTo ? { thread_ts: options.replyTo } : {}),
        metadata: { event_type: METADATA_EVENT_TYPE, event_payload: { key: options.key } },
      });
      if (!result.ts) throw new PlatformError("slack_no_ts", "chat.postMessage answered without a message ts", { retryable: false });
      return result.ts;
    } catch (error) {
      const failure = toPlatformError(error);
      log.warn({ channel: channel.channel, team: channel.workspace, code: failure.code, retryable: failure.retryable }, "Slack send failed");
      throw failure;
    }
  }

  /** The bot must be in the channel to post (we do not ask for chat:write.public): check before subscribing. */
  async function canPost(token: string | undefined, channel: string): Promise<string | null> {
    if (!token) return null;
    try {
      await reader.conversations.history({ token, channel, limit: 1 });
      return null;
    } catch (error) {
      const failure = toPlatformError(error);
      if (failure.code === "not_in_channel" || failure.code === "channel_not_found") {
        return "paperboy is not in this channel yet: invite it with `/invite @paperboy`, then try again";
      }
      log.debug({ code: failure.code }, "could not check channel membership; assuming the bot can post");
      return null;
    }
  }

  return { send, canPost };
}
