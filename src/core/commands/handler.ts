/** `/papers <subcommand> …` → the subcommand's handler → a reply Post. Platform adapters call this. */
import { errorMessage } from "../errors.js";
import type { Command, CommandContext, CommandHandler, Log } from "../ports.js";
import type { Post } from "../post.js";
import type { CommandDeps } from "./deps.js";
import { follow, followResume, followSchedule, following, unfollow, withFollowNotice } from "./follows.js";
import { helpPost } from "./help.js";
import { digest, paper, search, why } from "./lookup.js";
import { errorReply } from "./reply.js";
import { pause, schedule, set } from "./settings.js";
import { status } from "./status.js";
import { list, subscribe, unsubscribe } from "./subscriptions.js";
import { vote } from "./votes.js";

type Subcommand = (deps: CommandDeps, context: CommandContext, args: string) => Promise<Post>;

// A Map, not an object literal: a typed name such as `constructor` or `__proto__` must not find
// Object.prototype's members.
const SUBCOMMANDS = new Map<string, Subcommand>([
  ["help", async (deps) => helpPost(deps.command)],
  ["subscribe", subscribe],
  ["unsubscribe", unsubscribe],
  ["list", (deps, context) => list(deps, context)],
  ["search", search],
  ["paper", paper],
  ["digest", digest],
  ["why", why],
  ["schedule", schedule],
  ["set", set],
  ["pause", (deps, context) => pause(deps, context, true)],
  ["resume", (deps, context) => pause(deps, context, false)],
  ["status", (deps, context) => status(deps, context)],
  ["vote", vote],
  ["follow", follow],
  ["follow-schedule", followSchedule],
  ["following", (deps, context) => following(deps, context)],
  ["unfollow", unfollow],
  ["follow-resume", (deps, context) => followResume(deps, context)],
]);

export const SUBCOMMAND_NAMES = [...SUBCOMMANDS.keys()];

/** Splits "/papers subscribe kv cache" or "subscribe kv cache" into a Command. */
export function parseCommandText(input: string): Command {
  const trimmed = input.trim().replace(/^\/[a-z0-9_-]+\s*/i, "");
  const match = /^(\S*)\s*([\s\S]*)$/.exec(trimmed);
  return { name: (match?.[1] || "help").toLowerCase(), args: (match?.[2] ?? "").trim() };
}

export function createCommandHandler(deps: CommandDeps, log: Log): CommandHandler {
  return async (command: Command, context: CommandContext): Promise<Post> => {
    const run = SUBCOMMANDS.get(command.name.toLowerCase() || "help");
    if (!run) return errorReply(`Unknown command '${command.name}'. Commands: ${SUBCOMMAND_NAMES.join(", ")}.`, `${deps.command} help`);
    try {
      return await withFollowNotice(deps, context, await run(deps, context, command.args));
    } catch (error) {
      log.error({ command: command.name, channel: context.channel, err: errorMessage(error) }, "command failed");
      return errorReply("Something went wrong on paperboy's side; the error was logged. Try again in a minute.");
    }
  };
}
