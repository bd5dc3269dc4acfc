#!/usr/bin/env node
/** `paperboy` — the command line. Each command parses its flags here and calls into src/cli/*. */
import { Command, CommanderError, Option } from "commander";
import { ingestCommand, matchCommand, parseCommand, searchCommand } from "./cli/archive-commands.js";
import { channelsCommand, setCommand, subscribeCommand, unsubscribeCommand } from "./cli/channel-commands.js";
import { action, EXIT_USAGE } from "./cli/context.js";
import { feedbackCommand } from "./cli/feedback-command.js";
import { discordInviteCommand, discordRegisterCommand, slackManifestCommand } from "./cli/platform-commands.js";
import { relatedCommand, type RelatedOptions } from "./cli/related-command.js";
import { deliverCommand, migrateCommand, renderCommand, startCommand } from "./cli/run-commands.js";

// `paperboy parse x --json | head`: a closed pipe is the reader being done, not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const program = new Command("paperboy")
  .description("Delivers the daily AI-enhanced arXiv digest to Slack and Discord channels, filtered by topics.")
  .version("0.1.0")
  .option("--db <url>", "database: sqlite:<path> or postgres://… (PAPERBOY_DB)")
  .option("--digests <folder|url>", "digest source: a folder or a URL template with {date} (PAPERBOY_DIGESTS)")
  .option("--config-dir <dir>", "folder with default.json and local.json (default ./config)")
  .addOption(new Option("--log-level <level>", "log level (PAPERBOY_LOG_LEVEL)").choices(["fatal", "error", "warn", "info", "debug", "trace", "silent"]))
  .showHelpAfterError("(run with --help for usage)")
  .configureOutput({ outputError: (text, write) => write(`paperboy: ${text.replace(/^error: /, "")}`) });

const globals = () => program.opts();

program
  .command("start")
  .description("run the service: sources, scheduler, and every configured platform (the demo with no configuration)")
  .action(action(async () => startCommand(globals())));

program
  .command("ingest")
  .description("parse and store digests; prints counts and warnings")
  .argument("<file|folder|url...>", "digest files (.md/.jsonl), folders of them, or URLs")
  .option("--date <YYYY-MM-DD>", "date for files whose name carries none")
  .option("--replace", "replace a stored day even by a version with far fewer papers (kept otherwise)")
  .option("--json", "machine-readable output")
  .action(action(async (inputs: string[], options: { date?: string; json?: boolean; replace?: boolean }) => ingestCommand(inputs, { ...globals(), ...options })));

program
  .command("parse")
  .description("parse digests without storing them, to check files")
  .argument("<file|folder>", "a digest file (.md or .jsonl), or a folder: every digest in it")
  .option("--date <YYYY-MM-DD>", "date when the file name carries none")
  .option("--json", "print {date, papers[], warnings[]}")
  .action(action(async (file: string, options: { json?: boolean; date?: string }) => parseCommand(file, options)));

program
  .command("match")
  .description("which papers of the given digests a topic matches, with the matched terms")
  .argument("<topic>", 'a topic in the topic syntax, e.g. "kv cache -survey"')
  .argument("<file...>", "digest files")
  .option("--json", "machine-readable output")
  .option("--match <strictness>", "evidence needed: strict, balanced or broad", "balanced")
  .action(action(async (topic: string, files: string[], options: { json?: boolean; match?: string }) => matchCommand(topic, files, options)));

program
  .command("search")
  .description("look papers up in the archive (topic syntax)")
  .argument("<query...>", "the query")
  .option("--limit <n>", "how many results (default 5)")
  .option("--json", "machine-readable output")
  .action(action(async (query: string[], options: { limit?: string; json?: boolean }) => searchCommand(query.join(" "), { ...globals(), ...options })));

program
  .command("related")
  .description("terms that papers matching a topic use far more than the archive (suggestions to review)")
  .argument("<topic...>", 'a topic, e.g. "kv cache"')
  .option("--limit <n>", "how many terms (default 20)")
  .option("--min-support <n>", "fewest matching papers a term must occur in (default 3)")
  .option("--json", "machine-readable output")
  .action(action(async (topic: string[], options: RelatedOptions) => relatedCommand(topic.join(" "), { ...globals(), ...options })));

program
  .command("subscribe")
  .description("add comma-separated topics to a channel")
  .argument("<channel>", "slack:<team>/<channel>, discord:<guild>/<channel> or console:<name>")
  .argument("<topics...>", 'topics, e.g. "kv cache, llm serving cat:cs.DC"; one starting with "-" works too ("-survey diffusion"), or after --')
  .option("--json", "print the reply as JSON")
  // A topic may start with "-" (an exclusion): unknown options are topic words, not errors.
  .allowUnknownOption()
  .action(action(async (channel: string, topics: string[], options: { json?: boolean }) => subscribeCommand(channel, topics, { ...globals(), ...options })));

program
  .command("unsubscribe")
  .description("remove topics from a channel: a number from `channels`, the topic text, or all")
  .argument("<channel>", "the channel")
  .argument("<number|topic|all...>", "what to remove")
  .option("--json", "print the reply as JSON")
  .allowUnknownOption()
  .action(action(async (channel: string, which: string[], options: { json?: boolean }) => unsubscribeCommand(channel, which, { ...globals(), ...options })));

program
  .command("channels")
  .description("list channels with their topics, settings and last delivery")
  .option("--json", "machine-readable output")
  .action(action(async (options: { json?: boolean }) => channelsCommand({ ...globals(), ...options })));

program
  .command("set")
  .description("change a channel setting: time, timezone, days, mode, max, format, empty, language, match, learn, paused, or schedule")
  .argument("<channel>", "the channel")
  .argument("<setting>", "time | timezone | days | mode | max | format | empty | paused | schedule")
  .argument("<value...>", 'the value, e.g. 08:30, Europe/Berlin, weekdays, instant, 15, full, note, true; schedule: "08:30 Europe/Berlin weekdays"')
  .option("--json", "machine-readable output")
  .action(action(async (channel: string, setting: string, value: string[], options: { json?: boolean }) => setCommand(channel, setting, value, { ...globals(), ...options })));

program
  .command("feedback")
  .description("the votes a channel has given: per paper, totals, and the terms its model learned")
  .argument("<channel>", "the channel")
  .option("--json", "machine-readable output")
  .action(action(async (channel: string, options: { json?: boolean }) => feedbackCommand(channel, { ...globals(), ...options })));

program
  .command("render")
  .description("print the exact payloads that would be sent to a channel")
  .argument("<channel>", "the channel")
  .option("--digest <file|date>", "a digest file or an archived date (default: the latest)")
  .addOption(new Option("--platform <platform>", "render for this platform (default: the channel's)").choices(["slack", "discord", "console"]))
  .option("--json", "print the message bodies as JSON")
  .action(action(async (channel: string, options: { digest?: string; platform?: string; json?: boolean }) => renderCommand(channel, { ...globals(), ...options })));

program
  .command("deliver")
  .description("run due deliveries once and exit")
  .option("--now", "also deliver to channels whose post time has not come yet")
  .option("--json", "machine-readable output")
  .action(action(async (options: { now?: boolean; json?: boolean }) => deliverCommand({ ...globals(), ...options })));

program
  .command("migrate")
  .description("apply database migrations")
  .action(action(async () => migrateCommand(globals())));

const discord = program.command("discord").description("Discord set-up");
discord
  .command("register-commands")
  .description("register the /papers slash command (globally, or in one guild for instant availability)")
  .option("--guild <id>", "register in this guild only")
  .action(action(async (options: { guild?: string }) => discordRegisterCommand({ ...globals(), ...options })));
discord
  .command("invite-url")
  .description("print the URL that adds the bot to a server with the permissions it needs")
  .action(action(async () => discordInviteCommand(globals())));

const slack = program.command("slack").description("Slack set-up");
slack
  .command("manifest")
  .description("print a Slack app manifest to paste at api.slack.com/apps")
  .option("--socket", "Socket Mode (default unless PAPERBOY_PUBLIC_URL is set)")
  .option("--http", "HTTP request URLs under PAPERBOY_PUBLIC_URL")
  .action(action(async (options: { socket?: boolean; http?: boolean }) => slackManifestCommand({ ...globals(), ...options })));

// Commander's own errors (unknown option, missing argument) are usage errors: exit 2, like paperboy's.
for (const command of [program, ...allSubcommands(program)]) command.exitOverride();
try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (!(error instanceof CommanderError)) throw error;
  process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
}

function allSubcommands(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...allSubcommands(sub)]);
}
