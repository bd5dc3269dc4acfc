/** status: last digest seen, next post time, last delivery and any error. */
import { formatChannelId } from "../channel.js";
import type { CommandContext } from "../ports.js";
import { code, notePost, text, type Post, type Rich } from "../post.js";
import { nextPostTime } from "../schedule.js";
import type { CommandDeps } from "./deps.js";
import { learnModeText, postTimeText, scheduleText } from "./settings-text.js";

export async function status(deps: CommandDeps, context: CommandContext): Promise<Post> {
  const channelId = formatChannelId(context.channel);
  const channel = await deps.store.getChannel(channelId);
  const latest = await deps.store.latestDigest();
  const lines: Rich[] = [[text(latest ? `Latest digest: ${latest.date} (${latest.paperCount} papers, ingested ${latest.ingestedAt.slice(0, 16).replace("T", " ")} UTC).` : "No digest ingested yet.")]];
  if (!channel) {
    lines.push([text("This channel has no subscription yet: "), code(`${deps.command} subscribe kv cache`), text(".")]);
    return notePost("Status", lines);
  }
  const topics = await deps.store.listTopics(channelId);
  lines.push([text(`${topics.length} topic${topics.length === 1 ? "" : "s"} · schedule: ${scheduleText(channel.settings)}.`)]);
  if (channel.settings.paused) {
    lines.push([text(channel.pausedReason ? `Paused by paperboy after an error: ${channel.pausedReason}. Fix it, then ` : "Paused. Restart posts with "), code(`${deps.command} resume`), text(".")]);
  } else {
    const next = nextPostTime(channel.settings, deps.clock.now());
    lines.push([text(next ? `Next post: ${postTimeText(next, channel.settings.timezone)}.` : "Posts as soon as a new digest is ingested.")]);
  }
  lines.push([text(`Learning from votes: ${learnModeText(channel.settings.learn, await deps.store.voteCounts(channelId))}.`)]);
  const last = await deps.store.lastDelivery(channelId);
  if (last) {
    const sent = last.messages.filter((message) => message.state === "sent").length;
    const stateText = last.state === "sending" ? `in progress (${sent}/${last.messages.length} messages sent)` : last.state;
    lines.push([text(`Last delivery: ${last.digestDates.join(", ") || last.slot} — ${stateText}, ${last.paperIds.length} papers, ${last.updatedAt.slice(0, 16).replace("T", " ")} UTC.`)]);
    if (last.error) lines.push([text(`Error: ${last.error}`)]);
  } else {
    lines.push([text("No delivery yet.")]);
  }
  return notePost("Status", lines);
}
