/** subscribe, unsubscribe, list. */
import type { Channel, TopicRecord } from "../channel.js";
import { formatChannelId } from "../channel.js";
import { plural } from "../compose.js";
import type { CommandContext } from "../ports.js";
import { relatedHints } from "../related-archive.js";
import { code, notePost, text, type Post, type Rich } from "../post.js";
import type { CommandDeps } from "./deps.js";
import { errorReply, MANAGERS_ONLY } from "./reply.js";
import { settingsLines } from "./settings-text.js";
import { likeIdsOf, loadLikeContext } from "../like-context.js";
import type { LikeContext } from "../like-match.js";
import { rankMatches } from "../match-result.js";
import type { ArchivedPaper } from "../paper.js";

export async function ensureChannel(deps: CommandDeps, context: CommandContext): Promise<Channel> {
  return deps.store.ensureChannel(context.channel, deps.defaults);
}

export async function subscribe(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} subscribe kv cache, llm serving cat:cs.DC`;
  if (!context.isManager) return errorReply(MANAGERS_ONLY);
  if (!args.trim()) return errorReply("Give one or more comma-separated topics.", example);
  const parsed = deps.topics.parseList(args);
  if (!parsed.ok) return errorReply(parsed.message, example);
  // like:<id> needs that paper in the archive: refuse before anything is saved.
  const like = likeIdsOf(parsed.topics).length === 0 ? null : await loadLikeContext(deps.store, parsed.topics);
  if (like !== null && like.missing.length > 0) {
    const ids = like.missing.join(", ");
    return errorReply(
      `${ids} ${like.missing.length === 1 ? "is" : "are"} not in the archive (only papers from ingested digests are), so like: has no paper to compare with. Find one with ${deps.command} search.`,
      `${deps.command} subscribe like:<id of an archived paper> -survey`,
    );
  }
  const cannotPost = context.checkCanPost ? await context.checkCanPost() : null;
  if (cannotPost) return errorReply(cannotPost);
  const channel = await ensureChannel(deps, context);
  const before = await deps.store.listTopics(channel.id);
  const known = new Set(before.map((topic) => topic.text));
  const added = [...new Set(parsed.topics)].filter((topic) => !known.has(topic));
  if (before.length + added.length > deps.limits.maxTopicsPerChannel) {
    return errorReply(`A channel can have at most ${deps.limits.maxTopicsPerChannel} topics; this one has ${before.length}. Remove some first with ${deps.command} unsubscribe.`);
  }
  const after = await deps.store.addTopics(channel.id, added);
  deps.onTopicsChanged?.();
  const latest = await deps.store.latestDigest();
  const papers = latest ? await deps.store.digestPapers(latest.date) : [];
  const lines: Rich[] = added.map((topic) => {
    const record = after.find((entry) => entry.text === topic);
    if (record && like?.context && likeIdsOf([topic]).length > 0) return likePreview(deps, record, papers, like.context, channel, latest?.date ?? null);
    const count = record ? deps.topics.matchTopics([record], papers).length : 0;
    return [code(topic), text(latest ? ` — would have matched ${plural(count, "paper")} in the ${latest.date} digest` : "")];
  });
  if (added.length > 0) {
    for (const [topic, terms] of relatedHints(deps.topics, added, papers)) {
      lines.push([text("Papers about "), code(topic), text(` also say: ${terms.map((t) => t.term).join(", ")}`)]);
    }
  }
  const skipped = parsed.topics.length - added.length;
  if (skipped > 0) lines.push([text(`${plural(skipped, "topic")} already subscribed here, unchanged.`)]);
  if (added.length === 0) return notePost("Nothing new", lines);
  lines.push([text(`This channel now has ${plural(after.length, "topic")}. See them with `), code(`${deps.command} list`), text(".")]);
  return notePost(`Subscribed to ${plural(added.length, "topic")}`, lines);
}

export async function unsubscribe(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} unsubscribe 2`;
  if (!context.isManager) return errorReply(MANAGERS_ONLY);
  const channelId = formatChannelId(context.channel);
  const topics = (await deps.store.getChannel(channelId)) ? await deps.store.listTopics(channelId) : [];
  const wanted = args.trim();
  if (!wanted) return errorReply("Say which topic to remove: its number from list, the topic itself, or all.", example);
  if (topics.length === 0) return errorReply("This channel has no topics.", `${deps.command} subscribe kv cache`);
  const targets = pickTopics(topics, wanted);
  if (targets.length === 0) {
    return errorReply(`No topic '${wanted}' here. This channel's topics are numbered 1–${topics.length} in ${deps.command} list.`, example);
  }
  await deps.store.removeTopics(channelId, targets.map((topic) => topic.id));
  deps.onTopicsChanged?.();
  return notePost(`Removed ${plural(targets.length, "topic")}`, [targets.map((topic, i) => [...(i > 0 ? [text(", ")] : []), code(topic.text)]).flat()]);
}

export function pickTopics(topics: TopicRecord[], wanted: string): TopicRecord[] {
  if (wanted.toLowerCase() === "all") return topics;
  if (/^\d+(\s*,\s*\d+)*$/.test(wanted)) {
    const numbers = wanted.split(",").map((part) => Number(part.trim()));
    if (numbers.some((n) => n < 1 || n > topics.length)) return [];
    return numbers.map((n) => topics[n - 1]!);
  }
  const exact = topics.filter((topic) => topic.text === wanted);
  if (exact.length > 0) return exact;
  return topics.filter((topic) => topic.text.toLowerCase() === wanted.toLowerCase());
}

export async function list(deps: CommandDeps, context: CommandContext): Promise<Post> {
  const channelId = formatChannelId(context.channel);
  const channel = await deps.store.getChannel(channelId);
  const topics = channel ? await deps.store.listTopics(channelId) : [];
  const lines: Rich[] =
    topics.length === 0
      ? [[text("No topics yet. Add some with "), code(`${deps.command} subscribe kv cache, llm serving`), text(".")]]
      : topics.map((topic, i): Rich => [text(`${i + 1}. `), code(topic.text)]);
  const votes = channel ? await deps.store.voteCounts(channelId) : { up: 0, down: 0 };
  lines.push(...settingsLines(channel?.settings ?? deps.defaults, channel?.pausedReason ?? null, votes));
  return notePost(`Topics of this channel (${topics.length})`, lines);
}

/** Papers of the latest digest shown for a new like: topic: what the channel would get. */
export const LIKE_PREVIEW = 3;

/** `like:2512.09277 — this topic would have posted: …` — the nearest matching papers of the latest digest. */
function likePreview(deps: CommandDeps, record: TopicRecord, papers: ArchivedPaper[], like: LikeContext, channel: Channel, date: string | null): Rich {
  if (date === null) return [code(record.text)];
  const strictness = channel.settings.match;
  const matches = deps.topics.matchTopics([record], papers, strictness, like);
  const nearest = rankMatches(matches).slice(0, LIKE_PREVIEW);
  if (nearest.length === 0) {
    return [code(record.text), text(` — no paper of the ${date} digest is similar enough at match ${strictness}; `), code(`${deps.command} set match broad`), text(" casts a wider net.")];
  }
  const listed = nearest.map((match) => `${match.paper.id} "${match.paper.title}" (${match.terms.join("; ")})`);
  const nearestNote = matches.length > nearest.length ? `; the nearest ${nearest.length}` : "";
  return [code(record.text), text(` — in the ${date} digest this topic would have posted ${plural(matches.length, "paper")}${nearestNote}: ${listed.join(" · ")}`)];
}
