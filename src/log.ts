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
      transport: { target: "pino-pretty", options: { destination, colorize: true, ignore: "pid,hostname", translateTime: "SYS:HH:MM:ss" } },
    });
  }
  return pino({ level: options.level, redact: { paths: REDACT, censor: "[redacted]" } }, pino.destination({ dest: destination, sync: true }));
}

/** A logger that drops everything (tests, library use). */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
