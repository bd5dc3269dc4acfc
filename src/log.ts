/** Structured logs (pino): JSON in production, readable on a terminal. Secrets are redacted by path. */
import { pino, type Logger } from "pino";

export type { Logger };

const REDACT = [
  "token",
  "*.token",
  "botToken",
  "*.botToken",
  "appToken",
  "*.appToken",
  "signingSecret",
  "*.signingSecret",
  "clientSecret",
  "*.clientSecret",
  "stateSecret",
  "*.stateSecret",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
];

export interface LogOptions {
  level: string;
  /** Pretty, coloured lines (a terminal); JSON lines otherwise. */
  pretty: boolean;
  /** Where logs go: stderr by default, so stdout stays for command output and console posts. */
  destination?: number;
}

export function createLogger(options: LogOptions): Logger {
  const destination = options.destination ?? 2;
  if (options.pretty) {
    return pino({
      level: options.level,
      redact: { paths: REDACT, censor: "[redacted]" },
      // One line per entry: multi-line blocks would scroll the demo's posts off a terminal.
      transport: { target: "pino-pretty", options: { destination, colorize: true, singleLine: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" } },
    });
  }
  return pino({ level: options.level, redact: { paths: REDACT, censor: "[redacted]" } }, pino.destination({ dest: destination, sync: true }));
}

/**
 * The level `paperboy start` logs at. The demo on a terminal shows its posts, not routine `info` lines
 * (migrations, ingests, deliveries): it logs warnings and errors unless another level was asked for. A
 * level equal to the default `info` cannot be told apart from no setting, so `--log-level info` is the way
 * to see them. Services (Slack, Discord) and non-terminals keep the configured level.
 */
export function startLogLevel(configured: string, options: { demo: boolean; terminal: boolean; flag: string | undefined }): string {
  if (options.flag) return options.flag;
  return options.demo && options.terminal && configured === "info" ? "warn" : configured;
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
