/**
 * The Bolt app and its receiver for the configured mode (mode.ts): Socket Mode, or HTTP at /slack/events;
 * either with OAuth installs. Also serves the app's own GET routes when its HTTP server owns the port.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Logger as SdkLogger, type Receiver, type webApi } from "@slack/bolt";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Config } from "../../config.js";
import type { ConnectionTracker } from "../connection-state.js";
import { singleValuedCommandFields } from "./form-fields.js";
import type { SlackInstallationStore } from "./installation-store.js";
import { BOT_SCOPES } from "./manifest.js";
import { slackMode } from "./mode.js";

export interface HttpRoute {
  path: string;
  method: "GET";
  handler(req: IncomingMessage, res: ServerResponse): void;
}

export interface SlackAppDeps {
  config: Config;
  clientOptions: webApi.WebClientOptions;
  sdkLogger: SdkLogger;
  installationStore: SlackInstallationStore | null;
  httpRoutes: HttpRoute[];
  connection: ConnectionTracker;
  /** True while the platform is stopping: the socket closing then is expected. */
  stopping(): boolean;
}

export function buildSlackApp(deps: SlackAppDeps): { app: App; receiver: Receiver } {
  const { config, clientOptions, sdkLogger } = deps;
  const slack = config.slack;
  const { oauth, socketMode } = slackMode(config);
  const installOptions = oauth
    ? { clientId: slack.clientId, clientSecret: slack.clientSecret, stateSecret: slack.stateSecret, scopes: [...BOT_SCOPES], installationStore: deps.installationStore ?? undefined }
    : {};
  const healthz: HttpRoute = { path: "/healthz", method: "GET", handler: (_req, res) => void res.writeHead(200, { "content-type": "text/plain" }).end("ok") };
  const routes = deps.httpRoutes;
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
  const app = new App({ receiver, logger: sdkLogger, clientOptions, ...(oauth ? {} : { token: slack.botToken }) });
  if (receiver instanceof SocketModeReceiver) watchSocketMode(receiver, deps.connection, deps.stopping);
  // The receivers hand every request to app.processEvent; normalise there, before matching and authorization.
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => processEvent({ ...event, body: singleValuedCommandFields(event.body as Record<string, unknown>) });
  return { app, receiver };
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
