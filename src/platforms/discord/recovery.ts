/**
 * Finding an earlier attempt of a message after a crash between sending it and recording it.
 *
 * The create-message nonce (with enforce_nonce) only deduplicates within "a few minutes"
 * (https://discord.com/developers/docs/resources/message#create-message-jsonform-params); a survivor may
 * recover later than that. So a recovering send first reads the bot's recent messages in the channel and
 * looks for this one. Message bodies are rendered once, when the delivery is claimed, so an earlier attempt
 * carries exactly the same content and embeds: that is how it is recognised, with nothing added for readers
 * to see. Only the fields Discord echoes back unchanged are compared (it adds `type`, proxy URLs, …).
 */
import { Routes, type APIEmbed, type APIMessage, type APIUser, type REST } from "discord.js";
import type { Logger } from "pino";
import type { DiscordMessageBody } from "./render.js";
import { toPlatformError } from "./send-errors.js";

/** How many recent messages a recovering send reads (Discord's maximum per request). */
export const RECOVERY_LOOKBACK = 100;

export interface EarlierAttemptFinder {
  /** The id of this message's earlier attempt in the channel, or null when there is none (or no way to know). */
  find(channelId: string, body: DiscordMessageBody, replyTo: string | null): Promise<string | null>;
}

export function earlierAttemptFinder(rest: REST, logger: Logger): EarlierAttemptFinder {
  let botUserId: Promise<string> | null = null;
  let historyWarned = false;
  // `paperboy deliver` sends without a gateway session, so the bot's own id comes from REST.
  const ownId = (): Promise<string> => {
    botUserId ??= (rest.get(Routes.user("@me")) as Promise<APIUser>).then((user) => user.id);
    botUserId.catch(() => {
      botUserId = null;
    });
    return botUserId;
  };
  return {
    async find(channelId, body, replyTo) {
      let recent: APIMessage[];
      let self: string;
      try {
        self = await ownId();
        recent = (await rest.get(Routes.channelMessages(channelId), { query: new URLSearchParams({ limit: String(RECOVERY_LOOKBACK) }) })) as APIMessage[];
      } catch (error) {
        const failure = toPlatformError(error);
        if (failure.retryable) throw failure;
        // Without Read Message History we cannot look; the nonce still covers its window. Sending again
        // risks a duplicate, not sending risks a lost post — the lesser evil is the duplicate.
        if (!historyWarned) logger.warn({ channel: channelId, code: failure.code }, "cannot read channel history to check for an earlier attempt; relying on the nonce (grant Read Message History to avoid duplicates after a crash)");
        historyWarned = true;
        return null;
      }
      const wanted = fingerprint(body.content, body.embeds);
      const earlier = recent.find(
        (message) => message.author.id === self && (replyTo === null || message.message_reference?.message_id === replyTo) && fingerprint(message.content, message.embeds) === wanted,
      );
      return earlier?.id ?? null;
    },
  };
}

/** The parts of a message Discord stores as sent. */
function fingerprint(content: string | undefined, embeds: APIEmbed[] | undefined): string {
  return JSON.stringify([
    content ?? "",
    (embeds ?? []).map((embed) => [embed.title ?? null, embed.url ?? null, embed.description ?? null, (embed.fields ?? []).map((field) => [field.name, field.value]), embed.footer?.text ?? null, embed.author?.name ?? null]),
  ]);
}
