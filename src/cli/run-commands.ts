/** start, deliver, migrate, render. */
import { hostname } from "node:os";
import { createApp, type AppOverrides } from "../app.js";
import { syncConsoleChannels } from "../console-channels.js";
import { enabledPlatforms } from "../config.js";
import { composeDigestPost } from "../core/compose.js";
import { createLogger, startLogLevel } from "../log.js";
import { demoNotes } from "../platforms/console/demo-notes.js";
import { parseDigest } from "../core/digest/parse.js";
import { PaperboyError } from "../core/errors.js";
import { redactUrl } from "../core/redact-url.js";
import type { Message } from "../core/ports.js";
import type { ArchivedPaper } from "../core/paper.js";
import { createTopicTools } from "../core/topic-tools.js";
import { formatConsoleBody } from "../platforms/console/console.js";
import { renderConsolePost, type ConsoleBody } from "../platforms/console/render.js";
import { channelRef, requireChannel, withStore } from "./channel-commands.js";
import { readDigestInputs, reportSkipped } from "./digest-inputs.js";
import { checkDateOption, cliLogger, printJson, resolveConfig, usageError, type GlobalOptions } from "./context.js";
import type { Store } from "../core/ports.js";

/** `overrides`: for test entries only (e.g. a fault-injection step hook). */
export async function startCommand(options: GlobalOptions, overrides: AppOverrides = {}): Promise<void> {
  const config = resolveConfig(options);
  const platforms = enabledPlatforms(config);
  const demo = platforms.console && !platforms.slack && !platforms.discord;
  const terminal = Boolean(process.stderr.isTTY);
  const logger = createLogger({ level: startLogLevel(config.logLevel, { demo, terminal, flag: options.logLevel }), pretty: terminal });
  const app = await createApp(config, { logger, ...overrides });
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, "forced exit");
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, "stopping (deliveries in flight finish first; Ctrl-C again to force)");
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: String(error) }, "error while stopping");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  const firstRound = await app.start();
  if (!demo) return;
  const commandChannel = process.stdin.isTTY ? (config.console.channels[0]?.name ?? null) : null;
  const notes = demoNotes({ firstRound, commandChannel, digests: config.digests, db: config.db });
  if (notes.length > 0) process.stdout.write(`\n${notes.join("\n")}\n`);
}

export async function deliverCommand(options: GlobalOptions & { now?: boolean; json?: boolean }, overrides: AppOverrides = {}): Promise<void> {
  const config = resolveConfig(options);
  // Its own lease name: a one-shot run beside a running service never takes over what the service sends.
  const app = await createApp(config, {
    logger: cliLogger(config),
    instanceId: `${config.instanceId ?? hostname()}:deliver`,
    // With --json, stdout carries only the report; console channels print to stderr.
    ...(options.json ? { stdout: process.stderr } : {}),
    ...overrides,
  });
  try {
    const report = await app.runOnce({ force: Boolean(options.now) });
    if (options.json) printJson(report);
    else process.stdout.write(`delivered ${report.delivered}, skipped ${report.skipped}, failed ${report.failed}, pending ${report.pending}\n`);
    if (report.failed > 0) process.exitCode = 1;
  } finally {
    await app.stop();
  }
}

export async function migrateCommand(options: GlobalOptions): Promise<void> {
  const config = resolveConfig(options);
  await withStore(config, async () => undefined);
  process.stdout.write(`database ready: ${redactUrl(config.db)}\n`);
}

type PlatformName = "console" | "slack" | "discord";

async function renderer(platform: PlatformName): Promise<(post: import("../core/post.js").Post) => Message[]> {
  if (platform === "console") return renderConsolePost;
  if (platform === "slack") return (await import("../platforms/slack/render.js")).renderSlackPost;
  return (await import("../platforms/discord/render.js")).renderDiscordPost;
}

async function papersFor(store: Store, digest: string | undefined): Promise<{ date: string; papers: ArchivedPaper[] }> {
  if (!digest) {
    const latest = await store.latestDigest();
    if (!latest) throw new PaperboyError("no_digest", "the archive has no digest yet: run `paperboy ingest <folder>` or pass --digest <file>");
    return { date: latest.date, papers: await store.digestPapers(latest.date) };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(digest)) {
    const papers = await store.digestPapers(digest);
    if (papers.length === 0 && !(await store.digestByDate(digest))) throw new PaperboyError("no_digest", `no digest for ${digest} in the archive`);
    return { date: digest, papers };
  }
  const { files, skipped } = await readDigestInputs([digest]);
  reportSkipped(skipped);
  const [file] = files;
  if (!file) throw new PaperboyError("no_digest", `no .md or .jsonl digest in ${digest}`);
  const parsed = parseDigest(file.text, file.name);
  const date = parsed.date ?? new Date().toISOString().slice(0, 10);
  return { date, papers: parsed.papers.map((paper) => ({ ...paper, firstSeen: date, lastSeen: date })) };
}

export async function renderCommand(channel: string, options: GlobalOptions & { digest?: string; platform?: string; json?: boolean }): Promise<void> {
  if (options.digest && /^\d{4}-\d{2}-\d{2}$/.test(options.digest)) checkDateOption("--digest", options.digest);
  const config = resolveConfig(options);
  const ref = channelRef(channel);
  const platform = (options.platform ?? ref.platform) as PlatformName;
  if (!["console", "slack", "discord"].includes(platform)) throw usageError(`--platform must be slack, discord or console, not '${options.platform}'`);
  const post = await withStore(config, async (store) => {
    if (ref.platform === "console") await syncConsoleChannels(store, config, cliLogger(config));
    const found = await requireChannel(store, channel);
    const topics = await store.listTopics(found.id);
    const { date, papers } = await papersFor(store, options.digest);
    const matches = createTopicTools().matchTopics(topics, papers);
    // Rendered as it would be delivered, buttons included.
    return { ...composeDigestPost({ dates: [date], topics: topics.map((t) => t.text), matches, settings: found.settings, command: config.slack.command }), voteButtons: true };
  });
  const messages = (await renderer(platform))(post);
  if (options.json || platform !== "console") return printJson(messages.map((message) => message.body));
  for (const message of messages) process.stdout.write(`${formatConsoleBody(message.body as ConsoleBody, Boolean(process.stdout.isTTY))}\n`);
}
