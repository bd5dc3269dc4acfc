/**
 * The Slack app manifest for `paperboy slack manifest`: paste it at https://api.slack.com/apps → "Create New
 * App" → "From a manifest". Reference: https://docs.slack.dev/reference/app-manifest
 *
 * Scopes, and why each one:
 * - `commands`: the `/papers` slash command.
 * - `chat:write`: post digests in channels the bot was invited to.
 * - `channels:history`, `groups:history`: (1) after a crash between posting and recording, find the earlier
 *   attempt by its message metadata instead of posting twice (Slack has no idempotency key for
 *   chat.postMessage); (2) tell `/papers subscribe` whether the bot is in the channel. Both read only
 *   channels the bot is a member of. Without them paperboy still works, but may repost after a crash.
 * - `im:write`: open the app's direct message with a person (conversations.open) to deliver their personal
 *   follows (`/papers follow`). It opens DMs only; it reads nothing.
 * - `im:history`: the same crash recovery as the history scopes above, in those DMs.
 * - Not `chat:write.public`: it would let the bot post in every public channel without being invited. We
 *   prefer that a channel's members invite the bot (`/invite @paperboy`) — an explicit, visible consent —
 *   and `/papers subscribe` says so when the bot is missing.
 */
export const BOT_SCOPES = ["commands", "chat:write", "channels:history", "groups:history", "im:write", "im:history"] as const;

export interface ManifestOptions {
  /** The slash command, e.g. "/papers". */
  command: string;
  socketMode: boolean;
  /** Public base URL (HTTP mode): request URLs and the OAuth redirect are derived from it. */
  publicUrl?: string;
}

export function slackManifest(options: ManifestOptions): object {
  const base = options.publicUrl?.replace(/\/+$/, "");
  const eventsUrl = base ? `${base}/slack/events` : undefined;
  if (!options.socketMode && !eventsUrl) {
    throw new Error("an HTTP-mode manifest needs the public URL (set PAPERBOY_PUBLIC_URL), or use Socket Mode");
  }
  return {
    display_information: {
      name: "paperboy",
      description: "Daily arXiv papers matched to each channel's topics",
      long_description:
        "paperboy posts the daily AI-enhanced arXiv digest to the channels that subscribe to it, filtered by each channel's topics, and answers /papers commands: subscribe, search, paper, digest, why, schedule and more.",
      background_color: "#1f2937",
    },
    features: {
      bot_user: { display_name: "paperboy", always_online: true },
      slash_commands: [
        {
          command: options.command,
          description: "Subscribe this channel to arXiv topics, search papers, see the digest",
          usage_hint: "help | subscribe <topics> | list | search <query> | paper <arXiv id> | digest [date] [page N] [all] | status | follow <topics>",
          should_escape: false,
          ...(eventsUrl && !options.socketMode ? { url: eventsUrl } : {}),
        },
      ],
    },
    oauth_config: {
      scopes: { bot: [...BOT_SCOPES] },
      ...(base ? { redirect_urls: [`${base}/slack/oauth_redirect`] } : {}),
    },
    settings: {
      event_subscriptions: {
        ...(eventsUrl && !options.socketMode ? { request_url: eventsUrl } : {}),
        bot_events: ["app_uninstalled", "tokens_revoked"],
      },
      // Buttons: the 👍 / 👎 under every digest card and the preview's Previous / Next; over HTTP, Bolt takes
      // their presses (block_actions) at /slack/events too.
      interactivity: { is_enabled: true, ...(eventsUrl && !options.socketMode ? { request_url: eventsUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: options.socketMode,
      token_rotation_enabled: false,
    },
  };
}
