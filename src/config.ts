/**
 * Configuration: config/default.json ← config/local.json ← environment ← command-line flags, validated
 * once with zod. This is the only module that reads process.env (and only through `loadConfig`'s input).
 */
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PaperboyError } from "./core/errors.js";
import { LEARN_MODES, MATCH_STRICTNESS, SUMMARY_LANGUAGES } from "./core/channel.js";
import { createTopicTools } from "./core/topic-tools.js";
import { describeConfigIssue } from "./config-problems.js";

// Console channel topics are checked with the same parser as topics typed in chat.
const TOPIC_TOOLS = createTopicTools();

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "expected HH:MM (24-hour), e.g. 09:00");

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch (error) {
    return !(error instanceof RangeError);
  }
}

export const settingsSchema = z.strictObject({
  time: hhmm.default("09:00"),
  timezone: z.string().refine(isTimeZone, "unknown IANA time zone, e.g. Europe/Berlin").default("UTC"),
  days: z.enum(["daily", "weekdays"]).default("daily"),
  mode: z.enum(["digest", "instant"]).default("digest"),
  maxPapers: z.number().int().min(1).max(500).default(10),
  format: z.enum(["compact", "full"]).default("compact"),
  onEmpty: z.enum(["skip", "note"]).default("skip"),
  language: z.enum(SUMMARY_LANGUAGES).default("both"),
  match: z.enum(MATCH_STRICTNESS).default("balanced"),
  learn: z.enum(LEARN_MODES).default("auto"),
  paused: z.boolean().default(false),
});

const consoleChannelSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9_.-]+$/, "letters, digits, '.', '_' or '-'"),
  topics: z
    .array(z.string())
    .default([])
    .superRefine((topics, ctx) => {
      topics.forEach((topic, i) => {
        const parsed = TOPIC_TOOLS.parseList(topic);
        if (!parsed.ok) ctx.addIssue({ code: "custom", path: [i], message: `topic "${topic}": ${parsed.message}` });
      });
    }),
  settings: settingsSchema.partial().default({}),
  /** "stdout" (default) or a file path that posts are appended to. */
  output: z.string().default("stdout"),
});

const configSchema = z.strictObject({
  db: z
    .string()
    .refine((v) => (v.startsWith("sqlite:") && v.slice("sqlite:".length).trim() !== "") || /^postgres(ql)?:\/\/./.test(v), "expected sqlite:<path> (e.g. sqlite:./data/paperboy.db) or postgres://…")
    .default("sqlite:./data/paperboy.db"),
  digests: z.string().min(1).default("./seeds"),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * This instance's name in delivery leases. A restarted instance with the same name resumes its own
   * unfinished deliveries at once; give each of several instances on one host its own name.
   */
  instanceId: z.string().min(1).optional(),
  /** Public base URL of this service (Slack request URLs in the manifest, OAuth redirect). */
  publicUrl: z.string().url().optional(),
  sources: z
    .object({
      folderPollSeconds: z.number().int().min(5).default(60),
      urlPollMinutes: z.number().int().min(1).default(15),
      /** How many past days a URL template source looks back for digests it has not seen. */
      urlLookbackDays: z.number().int().min(1).max(60).default(3),
      watch: z.boolean().default(true),
      /**
       * Authorization header value for a URL template source (`Bearer …`, `token …`), sent only to the
       * template's origin. Set it through PAPERBOY_DIGESTS_AUTHORIZATION, not in a file in the repository.
       */
      authorization: z.string().min(1).optional(),
    })
    .prefault({}),
  topics: z
    .object({
      maxLength: z.number().int().min(10).max(2000).default(200),
      maxPerChannel: z.number().int().min(1).max(1000).default(50),
    })
    .prefault({}),
  defaults: settingsSchema.prefault({}),
  console: z
    .object({
      /** "auto": the console channels run when neither Slack nor Discord is configured. */
      enabled: z.union([z.boolean(), z.literal("auto")]).default("auto"),
      color: z.union([z.boolean(), z.literal("auto")]).default("auto"),
      channels: z.array(consoleChannelSchema).default([]),
    })
    .prefault({}),
  slack: z
    .object({
      botToken: z.string().optional(),
      signingSecret: z.string().optional(),
      appToken: z.string().optional(),
      clientId: z.string().optional(),
      clientSecret: z.string().optional(),
      stateSecret: z.string().optional(),
      apiUrl: z.string().url().optional(),
      /** User ids allowed to change channels; empty = every member. */
      managers: z.array(z.string()).default([]),
      command: z.string().regex(/^\/[a-z0-9_-]+$/).default("/papers"),
    })
    .prefault({}),
  discord: z
    .object({
      token: z.string().optional(),
      applicationId: z.string().optional(),
      apiUrl: z.string().url().optional(),
      /** The permission a member needs in a channel to change it. */
      managerPermission: z.enum(["ManageChannels", "ManageGuild", "Administrator"]).default("ManageChannels"),
    })
    .prefault({}),
  delivery: z
    .object({
      /** Attempts per message before the delivery is left for the next tick. */
      maxAttempts: z.number().int().min(1).max(20).default(5),
      /** How many channels are delivered to at once. */
      concurrency: z.number().int().min(1).max(256).default(8),
      /** How long an instance's claim on an open delivery lasts unless renewed (renewed every third of it). */
      leaseSeconds: z.number().int().min(1).max(3600).default(30),
    })
    .prefault({}),
});

export type Config = z.infer<typeof configSchema>;
export type ConsoleChannelConfig = z.infer<typeof consoleChannelSchema>;

/** Environment variables and the setting each one fills. Secrets are marked so they are never logged. */
const ENV_MAP: Array<{ env: string; path: string[]; secret?: boolean }> = [
  { env: "PAPERBOY_DB", path: ["db"] },
  { env: "PAPERBOY_DIGESTS", path: ["digests"] },
  { env: "PAPERBOY_DIGESTS_AUTHORIZATION", path: ["sources", "authorization"], secret: true },
  { env: "PAPERBOY_LOG_LEVEL", path: ["logLevel"] },
  { env: "PAPERBOY_PUBLIC_URL", path: ["publicUrl"] },
  { env: "PAPERBOY_INSTANCE", path: ["instanceId"] },
  { env: "PORT", path: ["port"] },
  { env: "SLACK_BOT_TOKEN", path: ["slack", "botToken"], secret: true },
  { env: "SLACK_SIGNING_SECRET", path: ["slack", "signingSecret"], secret: true },
  { env: "SLACK_APP_TOKEN", path: ["slack", "appToken"], secret: true },
  { env: "SLACK_CLIENT_ID", path: ["slack", "clientId"] },
  { env: "SLACK_CLIENT_SECRET", path: ["slack", "clientSecret"], secret: true },
  { env: "SLACK_STATE_SECRET", path: ["slack", "stateSecret"], secret: true },
  { env: "SLACK_API_URL", path: ["slack", "apiUrl"] },
  { env: "DISCORD_TOKEN", path: ["discord", "token"], secret: true },
  { env: "DISCORD_APPLICATION_ID", path: ["discord", "applicationId"] },
  { env: "DISCORD_API_URL", path: ["discord", "apiUrl"] },
];

export const ENVIRONMENT_VARIABLES = ENV_MAP.map(({ env, path, secret }) => ({ env, setting: path.join("."), secret: secret ?? false }));

type Json = Record<string, unknown>;

export interface ConfigInput {
  /** Usually process.env — passed in by the CLI, never read here. */
  env: Record<string, string | undefined>;
  /** Folder holding default.json and local.json. */
  configDir: string;
  /** Settings from command-line flags, as nested objects (e.g. { db: "sqlite:x.db" }). */
  flags?: Json;
}

export function loadConfig(input: ConfigInput): Config {
  const layers: Json[] = [readJson(join(input.configDir, "default.json"), true), readJson(join(input.configDir, "local.json"), false), envLayer(input.env), input.flags ?? {}];
  const merged = layers.reduce<Json>((acc, layer) => deepMerge(acc, layer), {});
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const sources: Array<{ name: string; layer: Json; env?: boolean }> = [
      { name: "a command-line flag", layer: layers[3]! },
      { name: "the environment", layer: layers[2]!, env: true },
      { name: join(input.configDir, "local.json"), layer: layers[1]! },
      { name: join(input.configDir, "default.json"), layer: layers[0]! },
    ];
    const problems = parsed.error.issues.flatMap((issue) => describeConfigIssue(issue, { schema: configSchema, sources, envVariable }));
    throw new PaperboyError("invalid_config", `invalid configuration — ${problems.join("; ")}`, { problems });
  }
  return parsed.data;
}

function envVariable(setting: string): string | undefined {
  return ENV_MAP.find((entry) => entry.path.join(".") === setting)?.env;
}

function envLayer(env: Record<string, string | undefined>): Json {
  const layer: Json = {};
  for (const { env: name, path } of ENV_MAP) {
    const value = env[name];
    if (value !== undefined && value !== "") setPath(layer, path, value);
  }
  // https://no-color.org: any non-empty NO_COLOR turns colour off.
  if (env.NO_COLOR) setPath(layer, ["console", "color"], false);
  return layer;
}

function readJson(file: string, required: boolean): Json {
  if (!existsSync(file)) {
    if (required) throw new PaperboyError("config_missing", `configuration file not found: ${file}`);
    return {};
  }
  try {
    const value: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error("expected a JSON object");
    return value as Json;
  } catch (error) {
    throw new PaperboyError("config_unreadable", `${file}: ${(error as Error).message}`);
  }
}

function setPath(target: Json, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Json;
  }
  node[path[path.length - 1]!] = value;
}

function deepMerge(base: Json, layer: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(layer)) {
    const current = out[key];
    const bothObjects = isPlainObject(current) && isPlainObject(value);
    out[key] = bothObjects ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Json {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Which platforms the configuration turns on. */
export function enabledPlatforms(config: Config): { slack: boolean; discord: boolean; console: boolean } {
  const slack = Boolean(config.slack.botToken || config.slack.appToken || config.slack.clientId);
  const discord = Boolean(config.discord.token);
  const consoleOn = config.console.enabled === "auto" ? !slack && !discord : config.console.enabled;
  return { slack, discord, console: consoleOn };
}
