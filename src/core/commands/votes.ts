/** vote: tell this channel's relevance model whether a paper was wanted. Anyone may vote, once per paper (a new vote replaces it). */
import { formatChannelId } from "../channel.js";
import { AUTO_MIN_VOTES_EACH, effectiveLearnMode } from "../learn/learn-mode.js";
import type { CommandContext } from "../ports.js";
import type { VoteValue } from "../vote.js";
import { code, notePost, text, type Post, type Rich } from "../post.js";
import type { CommandDeps } from "./deps.js";
import { parseArxivId } from "./lookup.js";
import { errorReply } from "./reply.js";

const VALUES: Record<string, VoteValue> = { up: "up", down: "down", "👍": "up", "👎": "down", "+1": "up", "-1": "down" };

export async function vote(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} vote 2512.09277 up`;
  const words = args.trim().split(/\s+/);
  const value = words.length === 2 ? VALUES[words[1]!.toLowerCase()] : undefined;
  if (value === undefined) return errorReply("Give an arXiv id, then up or down.", example);
  const paperId = parseArxivId(words[0]!);
  if (!paperId) return errorReply(`'${words[0]}' is not an arXiv id or URL.`, example);
  if (!(await deps.store.getPaper(paperId))) return errorReply(`Paper ${paperId} is not in the archive (only papers from ingested digests are).`);
  const channel = await deps.store.ensureChannel(context.channel, deps.defaults);
  const counts = await deps.store.recordVote({ channelId: formatChannelId(context.channel), paperId, userId: context.userId, value });
  const lines: Rich[] = [[text(`Noted — this channel has ${counts.up} 👍, ${counts.down} 👎 so far.`)]];
  if (channel.settings.learn === "auto" && effectiveLearnMode("auto", counts) === "off") {
    lines.push([text(`Posts start following the votes once there are ${AUTO_MIN_VOTES_EACH} of each (or now: `), code(`${deps.command} set learn rank`), text(").")]);
  }
  return notePost(`Vote on ${paperId}`, lines);
}
