/**
 * The composition root: config in, a running paperboy out. Everything is constructed here and passed
 * down; nothing is a module-level singleton.
 */
import type { Writable } from "node:stream";
import { hostname } from "node:os";
import { existsSync } from "node:fs";
import { enabledPlatforms, type Config } from "./config.js";
import type { PlatformKind } from "./core/channel.js";
import { createCommandHandler } from "./core/commands/handler.js";
import type { CommandDeps } from "./core/commands/deps.js";
import { createDeliveryEngine, type DeliveryReport, type StepHook } from "./core/delivery.js";
import type { Repeat } from "./core/delivery/lease.js";
import { errorMessage } from "./core/errors.js";
import type { Clock, CommandHandler, DigestFile, DigestSource, Platform, Store } from "./core/ports.js";
import { createTopicTools } from "./core/topic-tools.js";
import { createChannelMatcher } from "./core/channel-matcher.js";
import { createLearningSource } from "./core/learn/learning-source.js";
import { ingestFiles, type IngestReport } from "./ingest.js";
import type { Logger } from "./log.js";
import { createConsolePlatform } from "./platforms/console/console.js";
import { startScheduler } from "./scheduler.js";
import { redactUrl } from "./core/redact-url.js";
import { warmSegmenter } from "./core/topics/text/segment.js";
import { createServiceLoop } from "./service-loop.js";
import { createFolderSource } from "./sources/folder.js";
import { createHttpSource } from "./sources/http.js";
import { openStore } from "./store/open-store.js";
import { syncConsoleChannels } from "./console-channels.js";
import { buildRoutes, startHttpServer, type Route } from "./http.js";
import { slackMode } from "./platforms/slack/mode.js";
import { createMetrics } from "./metrics.js";
import type { Server } from "node:http";

export interface AppOverrides {
  clock?: Clock;
  logger?: Logger;
  /** Extra or replacement platforms (tests). */
  platforms?: Platform[];
  store?: Store;
  /** Where console channels print (default process.stdout). */
  stdout?: Writable & { isTTY?: boolean };
  /** stdin for console commands (only read when it is a terminal). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  onStep?: StepHook;
  sleep?: (ms: number) => Promise<void>;
  /** The delivery lease's renewal timer (tests: an instance that renews nothing stands for a dead one). */
  leaseRenewal?: Repeat;
  /** Name in delivery leases (default: config.instanceId, else the host name). */
  instanceId?: string;
}

export interface App {
  config: Config;
  store: Store;
  logger: Logger;
  platforms: Map<PlatformKind, Platform>;
  /** Starts the service; resolves with the report of the first delivery round (the demo says "nothing new"). */
  start(): Promise<DeliveryReport>;
  stop(): Promise<void>;
  /** Polls the configured source once and ingests what is new. */
  pollSources(): Promise<IngestReport[]>;
  ingestFiles(files: DigestFile[], options?: { date?: string }): Promise<IngestReport[]>;
  /** Runs due deliveries once at `now` (default: the clock); `force` also delivers channels not yet due. */
  deliverDue(now?: Date, options?: { force?: boolean }): Promise<DeliveryReport>;
  /** The scheduler's and the watcher's round: poll, then deliver if the archive has a digest not yet delivered against. */
  pollAndDeliver(): Promise<DeliveryReport | null>;
  /** `paperboy deliver`: sync config channels, start platforms, poll once, deliver once. The caller stops. */
  runOnce(options: { force: boolean }): Promise<DeliveryReport>;
  handleCommand: CommandHandler;
}

const systemClock: Clock = { now: () => new Date() };

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const { createLogger } = await import("./log.js");
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, pretty: Boolean(process.stderr.isTTY) });
  const clock = overrides.clock ?? systemClock;
  const store = overrides.store ?? (await openStore(config.db, { logger, now: () => clock.now() }));
  await store.migrate();
  const topicTools = createTopicTools({ maxTopicLength: config.topics.maxLength, maxTopics: config.topics.maxPerChannel });
  const matcher = createChannelMatcher(store);
  // One per process: delivery and the commands share each channel's model, retrained when votes change.
  const learning = createLearningSource(store);
  let healthy = false;
  const metrics = createMetrics(store);
  const routes = buildRoutes(metrics, () => healthy, () => platforms.values());
  const slackOwnsPort = enabledPlatforms(config).slack && slackMode(config).ownsHttpPort;
  const platforms = await buildPlatforms(config, store, logger, overrides, routes);

  const commandDeps: CommandDeps = {
    store,
    topics: topicTools,
    clock,
    defaults: config.defaults,
    limits: { maxTopicsPerChannel: config.topics.maxPerChannel },
    command: config.slack.command,
    onTopicsChanged: () => matcher.invalidate(),
    learning,
  };
  const handleRaw = createCommandHandler(commandDeps, logger.child({ component: "commands" }));
  const handleCommand: CommandHandler = (command, context) => {
    metrics.recordCommand(command.name || "help");
    return handleRaw(command, context);
  };
  const engine = createDeliveryEngine({
    store,
    platforms,
    matcher,
    learning,
    log: logger.child({ component: "delivery" }),
    sleep: overrides.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    maxAttempts: config.delivery.maxAttempts,
    concurrency: config.delivery.concurrency,
    leaseMs: config.delivery.leaseSeconds * 1000,
    ...(overrides.leaseRenewal ? { repeat: overrides.leaseRenewal } : {}),
    command: config.slack.command,
    owner: overrides.instanceId ?? config.instanceId ?? hostname(),
    now: () => clock.now(),
    ...(overrides.onStep ? { onStep: overrides.onStep } : {}),
  });
  const source = createSource(config, clock, logger);
  const today = () => clock.now().toISOString().slice(0, 10);

  async function ingest(files: DigestFile[], options: { date?: string } = {}): Promise<IngestReport[]> {
    const reports = await ingestFiles(store, files, { today, ...(options.date ? { date: options.date } : {}) }, (file, error) =>
      logger.error({ file: file.source, err: errorMessage(error) }, "digest rejected"),
    );
    metrics.recordIngest(reports);
    for (const report of reports) {
      if (report.outcome === "unchanged") continue;
      logger.info({ file: report.file, date: report.date, outcome: report.outcome, papers: report.papers, newPapers: report.newPapers, warnings: report.warnings.length }, "digest ingested");
      for (const warning of report.warnings.slice(0, 5)) logger.warn({ file: report.file, line: warning.line, code: warning.code }, warning.message);
    }
    return reports;
  }

  async function pollSources(): Promise<IngestReport[]> {
    return source ? ingest(await source.poll()) : [];
  }

  const loop = createServiceLoop({
    poll: pollSources,
    runDue: async (now, force) => {
      const report = await engine.runDue(now ?? clock.now(), force);
      metrics.recordDeliveries(report);
      return report;
    },
    latestSeq: async () => (await store.latestDigest())?.seq ?? 0,
  });

  // After the start-up poll: what the folder held before a configured channel existed is its backlog
  // (its first post brings only the newest of it); digests arriving later are news for it.
  const syncConfigChannels = async () => {
    await syncConsoleChannels(store, config, logger);
    matcher.invalidate();
  };

  let running: { stopScheduler: () => Promise<void>; stopWatch: (() => void) | null } | null = null;
  // Apart from `running`: it serves /healthz from before the platforms connect, so stop() during a slow
  // start closes it too.
  let http: Server | null = null;
  const { serial } = loop;
  const pollAndDeliver = () => loop.pollAndDeliver().then(() => undefined);

  return {
    config,
    store,
    logger,
    platforms,
    async start() {
      if (platforms.size === 0) logger.warn({}, "no platform is configured: nothing will be posted");
      if (platforms.has("slack") || platforms.has("discord")) warmSegmenter();
      // When Slack's receiver owns the port (HTTP mode, or OAuth) it serves these routes; otherwise we do.
      // Before the platforms: a gateway that keeps reconnecting holds its start(), and /healthz must
      // answer (503 `starting`) meanwhile.
      http = slackOwnsPort ? null : await startHttpServer(config.port, routes, logger);
      let firstRound: DeliveryReport;
      try {
        for (const platform of platforms.values()) await platform.start(handleCommand);
        await serial(async () => {
          await pollSources();
          await syncConfigChannels();
        });
        firstRound = await loop.deliverDue();
      } catch (error) {
        // A platform that cannot start (a revoked token) fails start(): the port must not stay taken.
        http?.close();
        http = null;
        throw error;
      }
      const scheduler = startScheduler(
        { pollSources: pollAndDeliver, deliverDue: () => loop.deliverDue().then(() => undefined) },
        { pollSeconds: isUrl(config.digests) ? config.sources.urlPollMinutes * 60 : config.sources.folderPollSeconds, logger },
      );
      const stopWatch = config.sources.watch && source?.watch ? source.watch(() => void pollAndDeliver()) : null;
      running = { stopScheduler: scheduler.stop, stopWatch };
      healthy = true;
      logger.info({ platforms: [...platforms.keys()], digests: redactUrl(config.digests) }, "paperboy is running");
      return firstRound;
    },
    async stop() {
      healthy = false;
      if (running) {
        running.stopWatch?.();
        await running.stopScheduler();
        running = null;
      }
      http?.close();
      http = null;
      await loop.idle();
      for (const platform of platforms.values()) await platform.stop();
      await store.close();
    },
    pollSources: () => serial(pollSources),
    ingestFiles: (files, options) => serial(() => ingest(files, options)),
    deliverDue: (now, options) => loop.deliverDue(now, options?.force ?? false),
    pollAndDeliver: () => loop.pollAndDeliver(),
    async runOnce(options) {
      for (const platform of platforms.values()) await platform.start(handleCommand);
      await serial(async () => {
        await pollSources();
        await syncConfigChannels();
      });
      return loop.deliverDue(undefined, options.force);
    },
    handleCommand,
  };
}

function isUrl(value: string): boolean {
  return /^https?:\/\//i.test(value);
}

function createSource(config: Config, clock: Clock, logger: Logger): DigestSource | null {
  if (isUrl(config.digests)) {
    return createHttpSource({
      template: config.digests,
      lookbackDays: config.sources.urlLookbackDays,
      now: () => clock.now(),
      ...(config.sources.authorization ? { authorization: config.sources.authorization } : {}),
      onError: (url, message) => logger.warn({ url, err: message }, "digest fetch failed"),
    });
  }
  if (!existsSync(config.digests)) {
    logger.warn({ digests: config.digests }, "digest folder does not exist; nothing will be ingested until it does");
    return null;
  }
  return createFolderSource(config.digests, logger);
}

async function buildPlatforms(config: Config, store: Store, logger: Logger, overrides: AppOverrides, httpRoutes: Route[]): Promise<Map<PlatformKind, Platform>> {
  const platforms = new Map<PlatformKind, Platform>();
  const enabled = enabledPlatforms(config);
  if (enabled.console) {
    const out = overrides.stdout ?? process.stdout;
    const stdin = overrides.stdin ?? process.stdin;
    const files = new Map(config.console.channels.filter((c) => c.output !== "stdout").map((c) => [c.name, c.output]));
    const color = config.console.color === "auto" ? Boolean(out.isTTY) : config.console.color;
    platforms.set(
      "console",
      createConsolePlatform({
        out,
        color,
        files,
        log: logger.child({ platform: "console" }),
        ...(stdin.isTTY && config.console.channels[0] ? { input: stdin, defaultChannel: config.console.channels[0].name } : {}),
      }),
    );
  }
  if (enabled.slack) {
    // Loaded only when configured: Bolt is heavy, and CLI commands should start fast.
    const { createSlackPlatform } = await import("./platforms/slack/slack.js");
    platforms.set("slack", createSlackPlatform({ config, store, logger: logger.child({ platform: "slack" }), httpRoutes }));
  }
  if (enabled.discord) {
    const { createDiscordPlatform } = await import("./platforms/discord/discord.js");
    platforms.set("discord", createDiscordPlatform({ config, store, logger: logger.child({ platform: "discord" }) }));
  }
  for (const platform of overrides.platforms ?? []) platforms.set(platform.kind, platform);
  return platforms;
}
