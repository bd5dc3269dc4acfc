/**
 * Which way Slack is connected, from the configuration alone (no Bolt import, so the composition root can
 * ask cheaply). Bolt runs an HTTP server in HTTP mode (events, commands, OAuth) and, in Socket Mode, only
 * for the OAuth install pages — then it owns `config.port`, and the app's own routes (/healthz, /metrics)
 * must be served by it (SlackPlatformDeps.httpRoutes).
 */
import type { Config } from "../../config.js";

export interface SlackMode {
  socketMode: boolean;
  oauth: boolean;
  /** Bolt listens on config.port. */
  ownsHttpPort: boolean;
}

export function slackMode(config: Config): SlackMode {
  const { appToken, clientId, clientSecret, stateSecret } = config.slack;
  const socketMode = Boolean(appToken);
  const oauth = Boolean(clientId && clientSecret && stateSecret);
  return { socketMode, oauth, ownsHttpPort: !socketMode || oauth };
}
