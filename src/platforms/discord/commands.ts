/**
 * The `/papers` application command: its definition (one subcommand per command of PRODUCT.md), its
 * registration over REST, the invite URL, and the translation of an interaction's options back into the
 * text a user would have typed, so the core handler parses one syntax for every platform.
 *
 * Permissions design: the command is registered WITHOUT `default_member_permissions`. That setting applies
 * to the whole command, so "16" (Manage Channels) would hide read-only subcommands (list, search, paper,
 * status…) from everyone else, while PRODUCT.md lets anyone use them. Changing subcommands are instead
 * checked in code per channel (`isManager`, from the member's channel permissions in the interaction,
 * configurable via `discord.managerPermission`). Server admins can still restrict the whole command in
 * Server Settings → Integrations. https://discord.com/developers/docs/interactions/application-commands#permissions
 */
import {
  ApplicationCommandOptionType as O,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  OAuth2Scopes,
  PermissionFlagsBits,
  PermissionsBitField,
  REST,
  Routes,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { SETTING_CHOICES } from "../../core/commands/settings.js";

export const COMMAND_NAME = "papers";

type Option = APIApplicationCommandBasicOption;

const str = (name: string, description: string, required: boolean, extra: Partial<Option> = {}): Option =>
  ({ type: O.String, name, description, required, ...extra }) as Option;

const int = (name: string, description: string, required: boolean, extra: Partial<Option> = {}): Option =>
  ({ type: O.Integer, name, description, required, ...extra }) as Option;

/** A flag: typed as its own name when true (`digest 2026-01-06 all`), left out when false or absent. */
const bool = (name: string, description: string): Option => ({ type: O.Boolean, name, description, required: false }) as Option;

const sub = (name: string, description: string, options: Option[] = []): APIApplicationCommandSubcommandOption => ({ type: O.Subcommand, name, description, options });

/** Time, time zone and days: the same for a channel's schedule and a person's follows. */
const scheduleOptions = (exampleTime: string): Option[] => [
  str("time", `HH:MM, 24-hour, e.g. ${exampleTime}`, true, { min_length: 4, max_length: 5 }),
  str("timezone", "IANA time zone, e.g. Europe/Berlin (default: unchanged)", false, { autocomplete: true, max_length: 100 }),
  str("days", "daily, weekdays, or instant (as soon as a digest arrives)", false, {
    max_length: 20,
    choices: [
      { name: "daily", value: "daily" },
      { name: "weekdays", value: "weekdays" },
      { name: "instant", value: "instant" },
    ],
  }),
];

/** Subcommands in PRODUCT.md order; each option list is also the order its values are joined in. */
export const SUBCOMMANDS: APIApplicationCommandSubcommandOption[] = [
  sub("subscribe", "Add comma-separated topics to this channel (Manage Channels)", [str("topics", "e.g. kv cache, llm serving, cat:cs.AR", true, { max_length: 1000 })]),
  sub("unsubscribe", "Remove a topic by number, by text, or all (Manage Channels)", [str("topic", "A number from /papers list, the topic itself, or all", true, { autocomplete: true, max_length: 1000 })]),
  sub("list", "This channel's topics and settings"),
  sub("search", "Top papers from the archive for a query", [str("query", "Topic syntax, e.g. speculative decoding -survey", true, { max_length: 500 })]),
  sub("paper", "The full card of one paper", [str("id", "arXiv id or URL, e.g. 2512.09277", true, { max_length: 200 })]),
  sub("digest", "Preview what this channel gets from a digest (only you see it)", [
    str("date", "YYYY-MM-DD (default: the latest digest)", false, { max_length: 20 }),
    // The core reads at most four digits of a page number (parseDigestArgs).
    int("page", "Which page of the preview, 10 papers each (default: 1)", false, { min_value: 1, max_value: 9999 }),
    bool("all", "Also list the papers this channel's votes hold back (learn filter)"),
  ]),
  sub("why", "Which of this channel's topics match a paper, or why none does", [str("id", "arXiv id, e.g. 2512.09277", true, { max_length: 200 })]),
  sub("schedule", "When posts come (Manage Channels)", scheduleOptions("08:30")),
  sub("set", "Other settings (Manage Channels)", [
    str("setting", "Which setting", true, { max_length: 20, choices: SETTING_CHOICES.map((s) => ({ name: `${s.name} — ${s.summary}`, value: s.name })) }),
    str("value", "e.g. 15, full, note, strict, filter", true, { max_length: 20 }),
  ]),
  sub("pause", "Stop posts in this channel (Manage Channels)"),
  sub("resume", "Restart posts in this channel (Manage Channels)"),
  sub("status", "Last digest, next post, last delivery and any error"),
  sub("help", "Usage with examples"),
  // The same vote as a card's buttons, for a paper seen elsewhere (a search result, a paper card).
  sub("vote", "Tell this channel's posts whether a paper is wanted (one vote per person)", [
    str("id", "arXiv id, e.g. 2512.09277", true, { max_length: 200 }),
    str("vote", "up (relevant) or down (not for us)", true, {
      max_length: 4,
      choices: [
        { name: "👍 relevant", value: "up" },
        { name: "👎 not for us", value: "down" },
      ],
    }),
  ]),
  // Personal follows: anyone may use them; they are delivered to the person by DM (only they see them).
  sub("follow", "Follow topics yourself: papers come to you by direct message", [str("topics", "e.g. speculative decoding, kv cache", true, { max_length: 1000 })]),
  sub("follow-schedule", "When your direct messages come", scheduleOptions("08:00")),
  sub("following", "The topics you follow (only you see them)"),
  sub("unfollow", "Stop following a topic: by number, by text, or all", [str("followed", "A number from /papers following, the topic itself, or all", true, { autocomplete: true, max_length: 1000 })]),
  sub("follow-resume", "Restart your follows after paperboy paused them (e.g. closed DMs)"),
];

export function papersCommand(): RESTPostAPIChatInputApplicationCommandsJSONBody {
  return {
    name: COMMAND_NAME,
    description: "Daily arXiv papers for this channel: topics, schedule, search",
    type: ApplicationCommandType.ChatInput,
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
    options: SUBCOMMANDS,
  };
}

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** API base (default Discord's own); the test seam. */
  apiUrl?: string;
  /** Register in one guild (instant; for development) instead of globally (can take up to an hour). */
  guildId?: string;
}

/** Bulk-overwrites paperboy's commands (PUT), so re-running it is safe. Resolves to the registered count. */
export async function registerDiscordCommands(options: RegisterOptions): Promise<{ scope: "global" | "guild"; registered: number }> {
  const rest = new REST({ retries: 2, timeout: 15_000, ...(options.apiUrl ? { api: options.apiUrl } : {}) }).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const result = (await rest.put(route, { body: [papersCommand()] })) as unknown[];
  return { scope: options.guildId ? "guild" : "global", registered: result.length };
}

/** What the bot needs in a channel to post digests (and in threads, where people may use it). */
export const BOT_PERMISSIONS = [
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.SendMessagesInThreads,
  PermissionFlagsBits.ReadMessageHistory,
];

export function discordInviteUrl(applicationId: string): string {
  const permissions = new PermissionsBitField(BOT_PERMISSIONS).bitfield.toString();
  const query = new URLSearchParams({ client_id: applicationId, scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(" "), permissions });
  return `https://discord.com/oauth2/authorize?${query.toString()}`;
}

/** Reads a typed option; `null` when absent. Abstracts over discord.js's options resolver for testing. */
export type OptionReader = (name: string) => string | number | boolean | null;

/** Options a user types after their name (`digest 2026-01-06 page 2`), not as a bare value. */
const NAMED_OPTIONS = new Set(["page"]);

/** The subcommand's options joined in definition order, as the user would have typed them. */
export function argsText(subcommand: string, read: OptionReader): string {
  const definition = SUBCOMMANDS.find((candidate) => candidate.name === subcommand);
  const words = (definition?.options ?? []).flatMap((option) => {
    const value = read(option.name);
    if (value === null || String(value).trim() === "") return [];
    if (option.type === O.Boolean) return value === true ? [option.name] : [];
    return [NAMED_OPTIONS.has(option.name) ? `${option.name} ${String(value).trim()}` : String(value).trim()];
  });
  return words.join(" ");
}

/** Discord's own cap on a string option value, for options declared without a max_length. */
const OPTION_VALUE_MAX = 6000;

/** The first option whose value is longer than its declared max_length; null when all fit. */
export function oversizedOption(subcommand: string, read: OptionReader): { option: string; length: number; max: number } | null {
  const definition = SUBCOMMANDS.find((candidate) => candidate.name === subcommand);
  for (const option of definition?.options ?? []) {
    const value = read(option.name);
    const max = "max_length" in option && typeof option.max_length === "number" ? option.max_length : OPTION_VALUE_MAX;
    if (value !== null && String(value).length > max) return { option: option.name, length: String(value).length, max };
  }
  return null;
}
