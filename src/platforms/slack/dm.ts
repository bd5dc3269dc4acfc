/**
 * The app's direct-message channel with a person, for personal follows (`slack:T1/@U123`):
 * conversations.open with `users=U123` answers the existing DM (or opens it) — it needs the `im:write`
 * scope. https://docs.slack.dev/reference/methods/conversations.open
 * The answer never changes for a (team, user), so it is cached for the life of the process.
 */
import type { webApi } from "@slack/bolt";
import { PlatformError } from "../../core/errors.js";
import { toPlatformError } from "./errors.js";

export interface SlackDmResolver {
  /** The DM channel id (D…) of `user` in `team`; rejects with a PlatformError. */
  channelFor(token: string, team: string, user: string): Promise<string>;
}

export function slackDmResolver(client: webApi.WebClient): SlackDmResolver {
  const cache = new Map<string, string>();
  return {
    async channelFor(token, team, user) {
      const key = `${team}/${user}`;
      const cached = cache.get(key);
      if (cached) return cached;
      let opened: webApi.ConversationsOpenResponse;
      try {
        opened = await client.conversations.open({ token, users: user });
      } catch (error) {
        throw toPlatformError(error);
      }
      const id = opened.channel?.id;
      if (!id) throw new PlatformError("slack_no_dm", "conversations.open answered without a channel id", { retryable: false });
      cache.set(key, id);
      return id;
    },
  };
}
