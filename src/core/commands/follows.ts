/**
 * Personal follows: follow, follow-schedule, following, unfollow, follow-resume. A person's follows live on
 * their personal destination (channel.ts `personalRef`) in the workspace/guild they asked from, and are
 * delivered by direct message through the same delivery engine as channels (schedule, ledger, lease,
 * retries). Anyone may follow — no manager rights needed, since only the person is affected — and every
 * reply is ephemeral: a person's follows are visible only to them.
 */
import { formatChannelId, personalRef, type Channel } from "../channel.js";
import { plural } from "../compose.js";
import { DM_CLOSED } from "../errors.js";
import type { CommandContext } from "../ports.js";
import { code, notePost, text, type Post, type Rich } from "../post.js";
import { nextPostTime } from "../schedule.js";
import type { CommandDeps } from "./deps.js";
import { errorReply } from "./reply.js";
import { parseSchedule } from "./settings.js";
import { postTimeText, scheduleText } from "./settings-text.js";
import { pickTopics } from "./subscriptions.js";

/** The commands of this file (help and the Discord registration must name each; a unit test checks). */
export const FOLLOW_COMMANDS = ["follow", "follow-schedule", "following", "unfollow", "follow-resume"] as const;

/** The id of the person's personal destination in the workspace/guild the command came from. */
export function followId(context: CommandContext): string {
  return formatChannelId(personalRef(context.channel, context.userId));
}

async function followChannel(deps: CommandDeps, context: CommandContext): Promise<Channel | null> {
  return deps.store.getChannel(followId(context));
}

export async function follow(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} follow speculative decoding, kv cache`;
  if (!args.trim()) return errorReply("Give one or more comma-separated topics to follow.", example);
  const parsed = deps.topics.parseList(args);
  if (!parsed.ok) return errorReply(parsed.message, example);
  const channel = await deps.store.ensureChannel(personalRef(context.channel, context.userId), deps.defaults);
  const before = await deps.store.listTopics(channel.id);
  const known = new Set(before.map((topic) => topic.text));
  const added = [...new Set(parsed.topics)].filter((topic) => !known.has(topic));
  if (before.length + added.length > deps.limits.maxTopicsPerChannel) {
    return errorReply(`You can follow at most ${deps.limits.maxTopicsPerChannel} topics; you follow ${before.length}. Remove some first with ${deps.command} unfollow.`);
  }
  const after = await deps.store.addTopics(channel.id, added);
  deps.onTopicsChanged?.();
  const lines: Rich[] = added.map((topic): Rich => [code(topic)]);
  const skipped = parsed.topics.length - added.length;
  if (skipped > 0) lines.push([text(`${plural(skipped, "topic")} you already follow, unchanged.`)]);
  if (added.length === 0) return notePost("Nothing new", lines);
  lines.push(...deliveryLines(deps, channel));
  lines.push([text(`You follow ${plural(after.length, "topic")}; only you can see them: `), code(`${deps.command} following`), text(".")]);
  return notePost(`Following ${plural(added.length, "topic")}`, lines);
}

export async function following(deps: CommandDeps, context: CommandContext): Promise<Post> {
  const channel = await followChannel(deps, context);
  const topics = channel ? await deps.store.listTopics(channel.id) : [];
  if (!channel || topics.length === 0) {
    return notePost("You follow no topics", [[text("Follow some and the papers come to you by direct message: "), code(`${deps.command} follow kv cache, llm serving`), text(".")]]);
  }
  const lines: Rich[] = topics.map((topic, i): Rich => [text(`${i + 1}. `), code(topic.text)]);
  lines.push(...deliveryLines(deps, channel));
  // Shown here in full, so the one-time notice need not repeat it.
  if (channel.settings.paused && channel.pausedReason) await markNoticed(deps, channel);
  return notePost(`Your follows (${topics.length})`, lines);
}

export async function unfollow(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} unfollow 2`;
  const wanted = args.trim();
  if (!wanted) return errorReply("Say which topic to stop following: its number from following, the topic itself, or all.", example);
  const channel = await followChannel(deps, context);
  const topics = channel ? await deps.store.listTopics(channel.id) : [];
  if (!channel || topics.length === 0) return errorReply("You follow no topics.", `${deps.command} follow kv cache`);
  const targets = pickTopics(topics, wanted);
  if (targets.length === 0) return errorReply(`You follow no topic '${wanted}'. Your topics are numbered 1–${topics.length} in ${deps.command} following.`, example);
  // The destination stays (without topics it gets nothing): its ledger keeps a later re-follow from
  // sending papers already sent.
  await deps.store.removeTopics(channel.id, targets.map((topic) => topic.id));
  deps.onTopicsChanged?.();
  return notePost(`Unfollowed ${plural(targets.length, "topic")}`, [targets.flatMap((topic, i) => [...(i > 0 ? [text(", ")] : []), code(topic.text)])]);
}

export async function followSchedule(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} follow-schedule 08:00 Europe/Berlin`;
  const parsed = parseSchedule(args);
  if (!parsed.ok) return errorReply(parsed.message, example);
  const channel = await deps.store.ensureChannel(personalRef(context.channel, context.userId), deps.defaults);
  const updated = await deps.store.updateSettings(channel.id, parsed.patch);
  return notePost("Your schedule is updated", deliveryLines(deps, updated));
}

export async function followResume(deps: CommandDeps, context: CommandContext): Promise<Post> {
  const channel = await followChannel(deps, context);
  if (!channel?.settings.paused) return notePost("Nothing to resume", [[text("Your follows are not paused.")]]);
  const updated = await deps.store.updateSettings(channel.id, { paused: false }, null);
  await deps.store.setState(noticeKey(channel.id), null);
  return notePost("Your follows are resumed", [[text("Anything left unsent comes with the next delivery.")], ...deliveryLines(deps, updated)]);
}

/** How and when the follows arrive, and why they do not when paused. */
function deliveryLines(deps: CommandDeps, channel: Channel): Rich[] {
  if (channel.settings.paused) return [pausedLine(deps, channel.pausedReason)];
  const lines: Rich[] = [[text(`Delivered to you by direct message: ${scheduleText(channel.settings)}. Change it with `), code(`${deps.command} follow-schedule 08:00 Europe/Berlin`), text(".")]];
  const next = nextPostTime(channel.settings, deps.clock.now());
  if (next) lines.push([text(`Next: ${postTimeText(next, channel.settings.timezone)}.`)]);
  return lines;
}

function pausedLine(deps: CommandDeps, reason: string | null): Rich {
  const resume = [code(`${deps.command} follow-resume`), text(".")];
  if (reason?.startsWith(`${DM_CLOSED}:`)) {
    return [text("Paused: your DMs are closed, so paperboy could not send you your papers. Allow direct messages from this server's members, then run "), ...resume];
  }
  return [text(`Paused${reason ? ` after a delivery error (${reason})` : ""}. Restart with `), ...resume];
}

// ------------------------------------------------------------ the one-time notice

const noticeKey = (id: string) => `follow-notice:${id}`;

/** Remembers the pause reason the person was told about, so the notice is given once per pause. */
async function markNoticed(deps: CommandDeps, channel: Channel): Promise<void> {
  await deps.store.setState(noticeKey(channel.id), channel.pausedReason);
}

/**
 * A person whose follows paperboy paused (their DMs closed) cannot be told by DM: the next command they run
 * anywhere in the workspace/guild carries the news, once. Only on ephemeral replies — nobody else may see it.
 */
export async function withFollowNotice(deps: CommandDeps, context: CommandContext, reply: Post): Promise<Post> {
  if (!reply.ephemeral) return reply;
  const channel = await followChannel(deps, context);
  if (!channel?.settings.paused || !channel.pausedReason) return reply;
  if ((await deps.store.getState(noticeKey(channel.id))) === channel.pausedReason) return reply;
  await markNoticed(deps, channel);
  return { ...reply, intro: [[text("About your follows — "), ...pausedLine(deps, channel.pausedReason)], ...reply.intro] };
}
