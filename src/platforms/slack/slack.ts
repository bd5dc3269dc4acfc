/**
 * The Slack platform: a Bolt app (Socket Mode when an app token is configured, HTTP otherwise, OAuth for
 * multi-workspace installs) for slash commands and install events, and a Web API client for sending posts.
 * Sends work without `start()`: `paperboy deliver` posts without listening for commands.
 *
 * The jobs live in their own files: sending and recovery (sender.ts), the Bolt app and its receiver
 * (receiver.ts), installations and uninstalls (installation.ts); this file wires them into a Platform.
 */
import type { App, webApi } from "@slack/bolt";
import type { Server } from "node:http";
import type { Config } from "../../config.js";
import { PaperboyError } from "../../core/errors.js";
import type { CommandHandler, Platform, Store } from "../../core/ports.js";
import type { Logger } from "../../log.js";
import { createConnectionTracker } from "../connection-state.js";
import { boltLogger } from "./bolt-logger.js";
import { slackInstallations } from "./installation.js";
import { registerListeners } from "./listeners.js";
import { slackMode } from "./mode.js";
import { buildSlackApp, type HttpRoute } from "./receiver.js";
import { renderSlackPost } from "./render.js";
import { createSlackSender, DEFAULT_RETRY_CONFIG } from "./sender.js";

export interface SlackPlatformDeps {
  config: Config;
  store: Store;
  logger: Logger;
  /** Web API retry policy (defaults to DEFAULT_RETRY_CONFIG in sender.ts). */
  retryConfig?: webApi.RetryOptions;
  /**
   * The app's own GET routes (/healthz, /metrics), served by Bolt's HTTP server when it owns the port
   * (see mode.ts). Without one for /healthz, a plain "ok" is served there.
   */
  httpRoutes?: HttpRoute[];
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
  const installations = slackInstallations(config, store, oauth, log);
  const sender = createSlackSender({ clientOptions, log, tokenFor: installations.tokenFor });
  const connection = createConnectionTracker("slack", log);
  let app: App | null = null;
  let httpServer: Server | null = null;
  let stopping = false;

  /** The port Bolt's HTTP server listens on (useful with PORT=0), or the configured one. */
  function listeningPort(): number {
    const address = httpServer?.address();
    return address && typeof address === "object" ? address.port : config.port;
  }

  return {
    kind: "slack",
    render: renderSlackPost,
    send: sender.send,
    async start(handler: CommandHandler) {
      if (app) throw new PaperboyError("slack_started", "the Slack platform is already started");
      stopping = false;
      const built = buildSlackApp({ config, clientOptions, sdkLogger, installationStore: installations.store, httpRoutes: deps.httpRoutes ?? [], connection, stopping: () => stopping });
      registerListeners(built.app, { command: slack.command, config, logger: log, handler, canPost: sender.canPost, onUninstalled: installations.onUninstalled });
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
