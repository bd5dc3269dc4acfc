/**
 * The Slack platform: a Bolt app (Socket Mode when an app token is configured, HTTP otherwise, OAuth for
 * multi-workspace installs) for slash commands and install events, and a Web API client for sending posts.
 * Sends work without `start()`: `paperboy deliver` posts without listening for commands.
 */
import { App, HTTPReceiver, SocketModeReceiver, webApi, type Receiver } from "@slack/bolt";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { Config } from "../../config.js";
import type { ChannelRef } from "../../core/channel.js";
import { PaperboyError, PlatformError } from "../../core/errors.js";
import type { CommandHandler, Message, Platform, SendOptions, Store } from "../../core/ports.js";
import type { Logger } from "../../log.js";
import { createConnectionTracker, type ConnectionTracker } from "../connection-state.js";
import { boltLogger } from "./bolt-logger.js";
import { singleValuedCommandFields } from "./form-fields.js";
import { registerListeners } from "./listeners.js";
import { isRateLimitRetry, toPlatformError } from "./errors.js";
import { createInstallationStore, type SlackInstallationStore } from "./installation-store.js";
import { BOT_SCOPES } from "./manifest.js";
import { slackMode } from "./mode.js";
import type { SlackMessageBody } from "./render.js";
import { renderSlackPost } from "./render.js";

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

export interface SlackPlatformDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Web API retry policy (defaults to DEFAULT_RETRY_CONFIG). */
  retryConfig?: webApi.RetryOptions;
  /**
   * The app's own GET routes (/healthz, /metrics), served by Bolt's HTTP server when it owns the port
   * (see mode.ts). Without one for /healthz, a plain "ok" is served there.
   */
  httpRoutes?: HttpRoute[];
}

export interface HttpRoute {
  path: string;
  method: "GET";
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export type SlackPlatform = Platform & { receiverPort?(): number };

export function createSlackPlatform(deps: SlackPlatformDeps): SlackPlatform {
  const { config, store } = deps;
  const slack = config.slack;
  const log = deps.logger;
  const sdkLogger = boltLogger(deps.logger);
  const { oauth, socketMode } = slackMode(config);
  if (!oauth && !slack.botToken) {
    throw new PaperboyError("slack_config", "Slack needs SLACK_BOT_TOKEN (one workspace) or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET (OAuth install)");
  }
  if (!socketMode && !slack.signingSecret) {
    throw new PaperboyError("slack_config", "Slack over HTTP needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)");
  }

  const clientOptions: webApi.WebClientOptions = {
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl.endsWith("/") ? slack.apiUrl : `${slack.apiUrl}/` } : {}),
    retryConfig: deps.retryConfig ?? DEFAULT_RETRY_CONFIG,
    timeout: 30_000,
    logger: sdkLogger,
  };
  const installations: SlackInstallationStore | null = oauth ? createInstallationStore(store) : null;
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
  let app: App | null = null;
  let httpServer: Server | null = null;
  let historyScopeWarned = false;
  const connection = createConnectionTracker("slack", log);
  let stopping = false;

  async function tokenFor(team: string): Promise<string> {
    const installed = installations ? await installations.botToken(team) : null;
    const token = installed ?? slack.botToken;
    if (!token) throw new PlatformError("slack_not_installed", `paperboy is not installed in Slack workspace ${team}`, { retryable: false });
    return token;
  }

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
    if (options.recovering) {
      const earlier = await findEarlier(token, channel.channel, options.key, options.replyTo);
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
        channel: channel.channel,
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

  async function onUninstalled(team: string | undefined, enterprise: string | undefined, reason: string): Promise<void> {
    if (!team) return;
    if (installations) await installations.deleteInstallation?.({ teamId: team, enterpriseId: enterprise, isEnterpriseInstall: false });
    const channels = await store.listChannels({ platform: "slack", workspace: team });
    for (const channel of channels) {
      if (!channel.settings.paused) await store.updateSettings(channel.id, { paused: true }, reason);
    }
    log.info({ team, channels: channels.length }, reason);
  }

  function buildApp(): { app: App; receiver: Receiver } {
    const installOptions = oauth
      ? { clientId: slack.clientId, clientSecret: slack.clientSecret, stateSecret: slack.stateSecret, scopes: [...BOT_SCOPES], installationStore: installations ?? undefined }
      : {};
    const healthz: HttpRoute = { path: "/healthz", method: "GET", handler: (_req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end("ok") };
    const routes = deps.httpRoutes ?? [];
    const customRoutes = routes.some((route) => route.path === healthz.path) ? routes : [healthz, ...routes];
    const receiver: Receiver = socketMode
      ? new SocketModeReceiver({
          appToken: slack.appToken ?? "",
          logger: sdkLogger,
          ...installOptions,
          // Only OAuth needs an HTTP server in Socket Mode; then the app's routes ride along on it.
          ...(oauth ? { customRoutes } : {}),
          installerOptions: { clientOptions, port: config.port },
        })
      : new HTTPReceiver({
          signingSecret: slack.signingSecret ?? "",
          endpoints: "/slack/events",
          port: config.port,
          customRoutes,
          logger: sdkLogger,
          ...installOptions,
          installerOptions: { clientOptions },
        });
    const built = new App({ receiver, logger: sdkLogger, clientOptions, ...(oauth ? {} : { token: slack.botToken }) });
    if (receiver instanceof SocketModeReceiver) watchSocketMode(receiver, connection, () => stopping);
    // The receivers hand every request to app.processEvent; normalise there, before matching and authorization.
    const processEvent = built.processEvent.bind(built);
    built.processEvent = (event) => processEvent({ ...event, body: singleValuedCommandFields(event.body as Record<string, unknown>) });
    return { app: built, receiver };
  }

  /** The port Bolt's HTTP server listens on (useful with PORT=0), or the configured one. */
  function listeningPort(): number {
    const address = httpServer?.address();
    return address && typeof address === "object" ? address.port : config.port;
  }

  return {
    kind: "slack",
    render: renderSlackPost,
    send,
    async start(handler: CommandHandler) {
      if (app) throw new PaperboyError("slack_started", "the Slack platform is already started");
      stopping = false;
      const built = buildApp();
      registerListeners(built.app, { command: slack.command, config, logger: log, handler, canPost, onUninstalled });
      const started: unknown = socketMode ? await built.app.start() : await built.app.start(config.port);
      app = built.app;
      // Socket Mode serves HTTP only for OAuth; Bolt keeps that server on the receiver.
      httpServer = socketMode ? ((built.receiver as { httpServer?: Server }).httpServer ?? null) : (started as Server);
      log.info({ mode: socketMode ? "socket" : "http", oauth, ...(httpServer ? { port: listeningPort() } : {}) }, "Slack platform started");
    },
    async stop() {
      const running = app;
      stopping = true;
      app = null;
      httpServer = null;
      if (running) await running.stop();
    },
    receiverPort: listeningPort,
    // Over HTTP there is no connection to lose: Slack calls us.
    ...(socketMode ? { connection: () => connection.snapshot() } : {}),
  };
}

/**
 * Socket Mode's WebSocket comes and goes (Slack refreshes it every few hours); the SocketModeClient
 * reconnects by itself and reports it only at debug level. https://docs.slack.dev/apis/events-api/using-socket-mode
 */
function watchSocketMode(receiver: SocketModeReceiver, connection: ConnectionTracker, stopping: () => boolean): void {
  const lost = (reason: string) => (): void => {
    if (!stopping() && connection.snapshot().state === "connected") connection.change("reconnecting", reason);
  };
  receiver.client.on("connected", () => connection.change("connected"));
  receiver.client.on("close", lost("Socket Mode connection closed; reconnecting"));
  receiver.client.on("reconnecting", lost("Socket Mode reconnecting"));
  receiver.client.on("disconnected", () => {
    if (!stopping()) connection.change("disconnected", "Socket Mode disconnected; not reconnecting");
  });
}
