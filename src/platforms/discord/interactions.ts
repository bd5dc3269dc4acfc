/**
 * `/papers` interactions → Command + CommandContext → the core handler → ephemeral replies.
 *
 * Discord drops an interaction that is not acknowledged within 3 s
 * (https://discord.com/developers/docs/interactions/receiving-and-responding#responding-to-an-interaction):
 * a fast handler is answered directly (type 4); a slow one is deferred (type 5, ephemeral) and its reply
 * edited in. Extra messages of a long reply become follow-ups.
 */
import {
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageComponentInteraction,
  type APIEmbed,
} from "discord.js";
import type { Logger } from "pino";
import { formatChannelId, personalRef, type ChannelRef } from "../../core/channel.js";
import { errorMessage } from "../../core/errors.js";
import type { Command, CommandContext, CommandHandler, Store } from "../../core/ports.js";
import { notePost, type Post } from "../../core/post.js";
import type { Config } from "../../config.js";
import { pagerCommand, PAGER_REFUSAL } from "../pager-buttons.js";
import { isVoteId, voteCommand, VOTE_REFUSAL } from "../vote-buttons.js";
import { argsText, COMMAND_NAME, oversizedOption } from "./commands.js";
import { plainText } from "./escape.js";
import { renderDiscordPost, type DiscordMessageBody } from "./render.js";

export interface InteractionDeps {
  config: Config;
  store: Store;
  logger: Logger;
  onCommand: CommandHandler;
  /** Why an interaction was refused before it reached us (a forged packet), once; null when it was not. */
  takeRefusal: (interactionId: string) => string | null;
  /** How long to wait for the handler before deferring; well under Discord's 3 s. */
  deferAfterMs: number;
}

/** Subcommands that search the archive or match papers: deferred before the handler runs. */
const DEFER_FIRST = new Set(["subscribe", "search", "paper", "digest", "why"]);

export const DM_REPLY = "paperboy works in server channels: use `/papers` in the channel that should get the papers.";

export const REFUSED_REPLY = "paperboy refused this command: it did not come from this channel's server.";

export async function handleInteraction(interaction: Interaction, deps: InteractionDeps): Promise<void> {
  const refusal = deps.takeRefusal(interaction.id);
  if (refusal) {
    deps.logger.warn({ interaction: interaction.id, guild: interaction.guildId, channel: interaction.channelId, reason: refusal }, "refused a discord interaction");
    if (interaction.isChatInputCommand()) await interaction.reply({ content: REFUSED_REPLY, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    else if (interaction.isAutocomplete()) await interaction.respond([]);
    else if (interaction.isMessageComponent()) await interaction.reply({ content: REFUSED_REPLY, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  if (interaction.isMessageComponent()) return pressButton(interaction, deps);
  if (interaction.isAutocomplete() && interaction.commandName === COMMAND_NAME) return autocomplete(interaction, deps);
  if (!interaction.isChatInputCommand() || interaction.commandName !== COMMAND_NAME) return;
  if (!interaction.inGuild()) {
    await interaction.reply({ content: DM_REPLY, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  const subcommand = interaction.options.getSubcommand(false) ?? "help";
  const read = (name: string) => interaction.options.get(name)?.value ?? null;
  const log = deps.logger.child({ interaction: interaction.id, guild: interaction.guildId, channel: interaction.channelId, subcommand });
  // Discord enforces each option's max_length for the registered command; a stale or forged command does not.
  const oversized = oversizedOption(subcommand, read);
  if (oversized) {
    log.warn(oversized, "refused a discord command: an argument is over its limit");
    const content = `\`${oversized.option}\` is too long: ${oversized.length} characters, at most ${oversized.max}.`;
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  const command = { name: subcommand, args: argsText(subcommand, read) };
  await answerInTime(interaction, deps, command, log, DEFER_FIRST.has(subcommand));
}

/**
 * Runs a command and answers the interaction with its reply (ephemeral unless the post says otherwise).
 * Archive lookups and matching may take a while: `deferFirst` acknowledges them before they start, so even
 * a busy event loop cannot miss the 3 s window. Others are answered directly unless they turn out slow.
 */
async function answerInTime(interaction: ChatInputCommandInteraction<"cached" | "raw"> | MessageComponentInteraction<"cached" | "raw">, deps: InteractionDeps, command: Command, log: Logger, deferFirst: boolean): Promise<void> {
  const context = commandContext(interaction, deps.config);
  let deferred = false;
  if (deferFirst) {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    deferred = true;
  }
  const work = runCommand(deps, command, context, log);
  let post: Post;
  if (deferred) {
    post = await work;
  } else {
    let timer: NodeJS.Timeout | undefined;
    const slow = new Promise<"slow">((resolve) => {
      timer = setTimeout(() => resolve("slow"), deps.deferAfterMs);
    });
    const first = await Promise.race([work.then((done) => ({ post: done })), slow]).finally(() => clearTimeout(timer));
    if (first === "slow") {
      // Replies are ephemeral; deciding before the post exists, we keep to that.
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      deferred = true;
      post = await work;
    } else {
      post = first.post;
    }
  }
  const bodies = renderDiscordPost(post).map((message) => message.body as DiscordMessageBody);
  const ephemeral = deferred || post.ephemeral;
  const flags = ephemeral ? MessageFlags.Ephemeral : undefined;
  const [head, ...rest] = bodies;
  if (deferred) await interaction.editReply(replyOptions(head!));
  else await interaction.reply({ ...replyOptions(head!), ...(flags ? { flags } : {}) });
  for (const body of rest) await interaction.followUp({ ...replyOptions(body), ...(flags ? { flags } : {}) });
  log.debug({ messages: bodies.length, deferred }, "command answered");
}

/** The one command handler; a failure becomes an apology, never an unanswered interaction. */
function runCommand(deps: InteractionDeps, command: Command, context: CommandContext, log: Logger): Promise<Post> {
  return deps.onCommand(command, context).catch((error: unknown): Post => {
    log.error({ err: errorMessage(error) }, "command handler failed");
    return notePost("Something went wrong", [[{ kind: "text", text: "paperboy could not run that command; the error was logged. Try again in a minute." }]], { isError: true });
  });
}

/**
 * A pager button (render.ts): acknowledged at once as a deferred update (type 6); the message it was on
 * loses its pager and the requested page is sent below it. Any other custom_id was not made by paperboy and is refused.
 * https://discord.com/developers/docs/interactions/receiving-and-responding#interaction-response-object-interaction-callback-type
 */
async function pressButton(interaction: MessageComponentInteraction, deps: InteractionDeps): Promise<void> {
  if (isVoteId(interaction.customId)) return pressVote(interaction, deps);
  const command = pagerCommand(interaction.customId);
  const log = deps.logger.child({ interaction: interaction.id, guild: interaction.guildId, channel: interaction.channelId, button: interaction.customId.slice(0, 100) });
  if (!command || !interaction.inGuild()) {
    log.warn("refused a discord button press paperboy did not make");
    await interaction.reply({ content: PAGER_REFUSAL, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  await interaction.deferUpdate();
  const post = await runCommand(deps, command, commandContext(interaction, deps.config), log);
  const messages = renderDiscordPost(post).map((message) => message.body as DiscordMessageBody);
  // A page is several messages (a row of votes per card), so the page pressed on stays where it is, minus
  // its pager (its cards and vote buttons keep working), and the requested page follows below it, the way a
  // chat reads. Replacing only the pressed message would leave the old page's other messages around it.
  const keptRows = interaction.message.components.map((row) => row.toJSON()).filter((row) => !("components" in row && row.components.some(isPagerComponent)));
  await interaction.editReply({ components: keptRows, allowedMentions: { parse: [] } });
  for (const body of messages) await interaction.followUp({ ...replyOptions(body), components: body.components ?? [], flags: MessageFlags.Ephemeral });
  log.debug({ messages: messages.length }, "button answered");
}

function isPagerComponent(component: object): boolean {
  return "custom_id" in component && pagerCommand(component.custom_id) !== null;
}

/**
 * A 👍 / 👎 under a card (render.ts): the presser's vote in this channel, answered with a new ephemeral
 * message (type 4, or 5 then an edit when slow) — the post the button is on is never edited.
 */
async function pressVote(interaction: MessageComponentInteraction, deps: InteractionDeps): Promise<void> {
  const command = voteCommand(interaction.customId);
  const log = deps.logger.child({ interaction: interaction.id, guild: interaction.guildId, channel: interaction.channelId, button: interaction.customId.slice(0, 100) });
  if (!command || !interaction.inGuild()) {
    log.warn("refused a discord vote button paperboy did not make");
    await interaction.reply({ content: VOTE_REFUSAL, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    return;
  }
  await answerInTime(interaction, deps, command, log, false);
  log.debug("vote button answered");
}

function replyOptions(body: DiscordMessageBody): { content?: string; embeds?: APIEmbed[]; components?: DiscordMessageBody["components"]; allowedMentions: { parse: [] } } {
  return {
    ...(body.content !== undefined ? { content: body.content } : {}),
    ...(body.embeds ? { embeds: body.embeds } : {}),
    ...(body.components ? { components: body.components } : {}),
    allowedMentions: { parse: [] },
  };
}

function commandContext(interaction: ChatInputCommandInteraction<"cached" | "raw"> | MessageComponentInteraction<"cached" | "raw">, config: Config): CommandContext {
  const channel: ChannelRef = { platform: "discord", workspace: interaction.guildId, channel: interaction.channelId };
  const managerFlag = PermissionFlagsBits[config.discord.managerPermission];
  return {
    channel,
    userId: interaction.user.id,
    // The member's permissions in this channel (overwrites applied), as sent in the interaction.
    isManager: interaction.memberPermissions?.has(managerFlag) ?? false,
    checkCanPost: async () => missingPostPermissions(interaction),
  };
}

/** Why the bot could not post digests here, from its own permissions in the channel; null when it can. */
export function missingPostPermissions(interaction: ChatInputCommandInteraction | MessageComponentInteraction): string | null {
  const inThread = interaction.channel?.isThread() ?? false;
  const needed: Array<[bigint, string]> = [
    [PermissionFlagsBits.ViewChannel, "View Channel"],
    [inThread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages, inThread ? "Send Messages in Threads" : "Send Messages"],
    [PermissionFlagsBits.EmbedLinks, "Embed Links"],
  ];
  const missing = needed.filter(([flag]) => !interaction.appPermissions.has(flag)).map(([, name]) => name);
  if (missing.length === 0) return null;
  return `paperboy cannot post in this channel: it lacks ${missing.join(", ")}. Give its role these permissions here, then try again.`;
}

async function autocomplete(interaction: AutocompleteInteraction, deps: InteractionDeps): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const typed = String(focused.value).toLowerCase();
  let choices: Array<{ name: string; value: string }> = [];
  if ((focused.name === "topic" || focused.name === "followed") && interaction.inGuild()) {
    // `unfollow` completes the person's own follows (their personal destination), `unsubscribe` the channel's.
    const here: ChannelRef = { platform: "discord", workspace: interaction.guildId, channel: interaction.channelId };
    const ref = focused.name === "followed" ? personalRef(here, interaction.user.id) : here;
    const topics = await deps.store.listTopics(formatChannelId(ref));
    choices = topics.map((topic, index) => ({
      name: plainText(`${index + 1}. ${topic.text}`).slice(0, 100),
      // Values are capped at 100 characters; longer topics are removed by their number.
      value: topic.text.length <= 100 ? topic.text : String(index + 1),
    }));
    if (topics.length > 0) choices.push({ name: "all — remove every topic", value: "all" });
  } else if (focused.name === "timezone") {
    choices = ["UTC", ...Intl.supportedValuesOf("timeZone")].map((zone) => ({ name: zone, value: zone }));
  }
  const filtered = choices.filter((choice) => choice.name.toLowerCase().includes(typed)).slice(0, 25);
  await interaction.respond(filtered);
}

/** Logs instead of throwing: one bad interaction must not take the client down. */
export function interactionListener(deps: InteractionDeps): (interaction: Interaction) => void {
  return (interaction) => {
    handleInteraction(interaction, deps).catch((error: unknown) => {
      deps.logger.error({ interaction: interaction.id, err: errorMessage(error), stack: (error as Error).stack }, "discord interaction failed");
    });
  };
}
