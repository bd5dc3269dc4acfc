/**
 * Bolt and the Slack SDK log through their own `Logger` interface; this adapter sends those lines to the
 * injected pino logger (which redacts secrets), as a child tagged `component: "slack-sdk"`.
 * https://docs.slack.dev/tools/bolt-js/concepts/logging
 */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../log.js";

export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: "slack-sdk" });
  let name = "bolt";
  // The SDK passes several loose arguments; they are joined into one message.
  const line = (parts: unknown[]): string => parts.map((part) => (typeof part === "string" ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(" ");
  return {
    debug: (...parts) => log.debug({ sdk: name }, line(parts)),
    info: (...parts) => log.debug({ sdk: name }, line(parts)), // the SDK's info lines are chatty (connection state)
    warn: (...parts) => log.warn({ sdk: name }, line(parts)),
    error: (...parts) => log.error({ sdk: name }, line(parts)),
    // Levels are pino's business: the SDK may ask, but it cannot change them.
    setLevel: () => undefined,
    getLevel: () => LogLevel.DEBUG,
    setName: (value) => {
      name = value;
    },
  };
}
