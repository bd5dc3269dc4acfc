/**
 * The console platform: prints posts readably (colour on a terminal), or appends them to a file per
 * channel. The demo and dry runs use it. On a terminal it also takes `/papers …` lines from stdin.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { createInterface, type Interface } from "node:readline";
import type { Writable } from "node:stream";
import type { ChannelRef } from "../../core/channel.js";
import type { CommandHandler, Log, Message, Platform, SendOptions } from "../../core/ports.js";
import { renderConsolePost, type ConsoleBody, type Segment, type Style } from "./render.js";

const ANSI: Record<Style, [string, string]> = {
  header: ["\x1b[1;36m", "\x1b[0m"],
  title: ["\x1b[1m", "\x1b[0m"],
  link: ["\x1b[34m", "\x1b[0m"],
  meta: ["\x1b[2m", "\x1b[0m"],
  text: ["", ""],
  highlight: ["\x1b[1;33m", "\x1b[0m"],
  bold: ["\x1b[1m", "\x1b[0m"],
  code: ["\x1b[36m", "\x1b[0m"],
  label: ["\x1b[35m", "\x1b[0m"],
  error: ["\x1b[1;31m", "\x1b[0m"],
};

export function formatConsoleBody(body: ConsoleBody, color: boolean): string {
  const paint = ([style, value]: Segment) => (color && value ? `${ANSI[style][0]}${value}${ANSI[style][1]}` : value);
  return body.lines.map((line) => line.map(paint).join("")).join("\n");
}

export interface ConsolePlatformOptions {
  out: Writable & { isTTY?: boolean };
  color: boolean;
  /** Channel name → file path for channels that write to a file instead of stdout. */
  files: Map<string, string>;
  log: Log;
  /** Read `/papers …` commands from this stream (a terminal), if given. */
  input?: NodeJS.ReadableStream;
  /** Channel that stdin commands act on. */
  defaultChannel?: string;
}

/** The marker line after each message in a file: lets a recovering send see whether it got written. */
const keyMarker = (key: string) => `<!-- paperboy:${key} -->`;

export function createConsolePlatform(options: ConsolePlatformOptions): Platform {
  let reader: Interface | null = null;
  /** "[#llm-systems]" (inverse video on a terminal): which channel a post or a reply belongs to. */
  // A personal follow (`console:@alice`) prints as a direct message to that person: "[DM @alice]".
  const channelTag = (name: string): string => {
    const label = name.startsWith("@") ? `DM ${name}` : `#${name}`;
    return options.color ? `\x1b[7m ${label} \x1b[0m` : `[${label}]`;
  };

  function write(channel: ChannelRef, message: Message, key: string, recovering: boolean): string {
    const body = message.body as ConsoleBody;
    const file = options.files.get(channel.channel);
    if (file) {
      if (recovering && existsSync(file) && readFileSync(file, "utf8").includes(keyMarker(key))) return key;
      mkdirSync(dirname(file), { recursive: true });
      appendFileSync(file, `${formatConsoleBody(body, false)}\n${keyMarker(key)}\n\n`);
      return key;
    }
    options.out.write(`\n${channelTag(channel.channel)}\n${formatConsoleBody(body, options.color)}\n`);
    return key;
  }

  return {
    kind: "console",
    render: renderConsolePost,
    async send(channel: ChannelRef, message: Message, sendOptions: SendOptions): Promise<string> {
      return write(channel, message, sendOptions.key, sendOptions.recovering);
    },
    async start(onCommand: CommandHandler): Promise<void> {
      if (!options.input || !options.defaultChannel) return;
      const channel: ChannelRef = { platform: "console", workspace: "", channel: options.defaultChannel };
      reader = createInterface({ input: options.input });
      reader.on("line", (line) => {
        const trimmed = line.trim().replace(/^\/papers\s*/, "");
        if (!trimmed && !line.trim().startsWith("/papers")) return;
        const [name = "help", ...rest] = trimmed.split(/\s+/);
        onCommand({ name, args: rest.join(" ") }, { channel, userId: "console", isManager: true })
          .then((reply) => {
            for (const message of renderConsolePost(reply)) options.out.write(`${channelTag(channel.channel)} ${formatConsoleBody(message.body as ConsoleBody, options.color)}\n`);
          })
          .catch((error: unknown) => options.log.error({ err: String(error) }, "console command failed"));
      });
    },
    async stop(): Promise<void> {
      reader?.close();
      reader = null;
    },
  };
}
