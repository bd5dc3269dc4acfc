/** search, paper, digest, why: answers from the archive. */
import { formatChannelId } from "../channel.js";
import { composeDigestPost, paperCard, plural, previewPages } from "../compose.js";
import type { ArchivedPaper } from "../paper.js";
import type { CommandContext } from "../ports.js";
import { code, notePost, text, type Post, type Rich } from "../post.js";
import { searchArchive } from "../search.js";
import { parseArxivId } from "../topics/engine/like-clause.js";
import { likeIdsOf, loadLikeContext } from "../like-context.js";
import type { CommandDeps } from "./deps.js";
import { errorReply } from "./reply.js";
import { learningOf, whyLearning } from "./why-learning.js";

export const SEARCH_RESULTS = 5;

export { parseArxivId };

export async function search(deps: CommandDeps, _context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} search speculative decoding -survey`;
  const query = args.trim();
  if (!query) return errorReply("Give a query in the topic syntax.", example);
  const parsed = deps.topics.parseList(query);
  if (!parsed.ok) return errorReply(parsed.message, example);
  if (parsed.topics.length !== 1) return errorReply("Search one topic at a time (no commas).", example);
  if (likeIdsOf(parsed.topics).length > 0) return errorReply(`search takes words, not like:; ${deps.command} subscribe like:<id> shows the nearest papers of the latest digest.`, example);
  const { matches: shown, more } = await searchArchive(deps.store, deps.topics, query, SEARCH_RESULTS);
  const post: Post = {
    header: { title: `Search: ${query}`, count: shown.length },
    intro: shown.length === 0 ? [[text("No paper in the archive matches that. Try fewer words or a synonym.")]] : [],
    cards: shown.map((match) => paperCard(match.paper, { match, format: "compact" })),
    notes: more ? [[text(`More papers match: title hits first, newest first. Narrow it with a field (`), code("title:"), text(") or an exclusion ("), code("-survey"), text(").")]] : [],
    overflow: null,
    format: "compact",
    ephemeral: true,
  };
  return post;
}

/** The archived paper an argument names, or the reply explaining why there is none. */
async function findPaper(deps: CommandDeps, args: string, subcommand: string): Promise<ArchivedPaper | Post> {
  const id = parseArxivId(args);
  if (!id) return errorReply(`'${args.trim()}' is not an arXiv id or URL.`, `${deps.command} ${subcommand} 2512.09277`);
  const found = await deps.store.getPaper(id);
  return found ?? errorReply(`Paper ${id} is not in the archive (only papers from ingested digests are).`);
}

const isReply = (value: ArchivedPaper | Post): value is Post => "header" in value;

export async function paper(deps: CommandDeps, _context: CommandContext, args: string): Promise<Post> {
  const found = await findPaper(deps, args, "paper");
  if (isReply(found)) return found;
  // The whole abstract is on the card, so the summary is the TL;DR as written (no English line repeating it).
  const card = paperCard(found, { format: "full", language: "original", withAbstract: true });
  return { header: { title: `Paper ${found.id}` }, intro: [], cards: [card], notes: [], overflow: null, format: "full", ephemeral: true };
}

/**
 * `[date] [page N] [all]`, in any order; a bare number is a page too (Discord sends an integer option's value
 * without its name). `all` lists the papers this channel's votes hold back too. Null when the words are something else.
 */
export function parseDigestArgs(args: string): { date: string | null; page: number; all?: true } | null {
  const words = args.trim().split(/\s+/).filter((word) => word !== "");
  let date: string | null = null;
  let page = 1;
  let all = false;
  for (let i = 0; i < words.length; i += 1) {
    const word = words[i]!;
    if (/^all$/i.test(word)) all = true;
    else if (/^\d{4}-\d{2}-\d{2}$/.test(word) && date === null) date = word;
    else if (/^page$/i.test(word) && /^\d{1,4}$/.test(words[i + 1] ?? "")) page = Number(words[(i += 1)]);
    else if (/^\d{1,4}$/.test(word)) page = Number(word);
    else return null;
  }
  return page >= 1 ? { date, page, ...(all ? { all } : {}) } : null;
}

export async function digest(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const example = `${deps.command} digest 2026-01-06 page 2`;
  const wanted = parseDigestArgs(args);
  if (!wanted) return errorReply(`'${args.trim()}' is not a date or a page.`, example);
  const info = wanted.date ? await deps.store.digestByDate(wanted.date) : await deps.store.latestDigest();
  if (!info) return errorReply(wanted.date ? `No digest for ${wanted.date} in the archive.` : "No digest has been ingested yet.");
  const channelId = formatChannelId(context.channel);
  const channel = await deps.store.getChannel(channelId);
  const topics = channel ? await deps.store.listTopics(channelId) : [];
  if (topics.length === 0) return errorReply("This channel has no topics yet.", `${deps.command} subscribe kv cache`);
  const papers = await deps.store.digestPapers(info.date);
  const like = (await loadLikeContext(deps.store, topics.map((topic) => topic.text))).context;
  const matches = deps.topics.matchTopics(topics, papers, channel?.settings.match, like);
  const settings = channel?.settings ?? deps.defaults;
  // The same learning as the channel's delivered post, so the preview shows what the channel gets.
  const learning = channel && matches.length > 0 ? await learningOf(deps).forChannel(channel) : null;
  const post = composeDigestPost({ dates: [info.date], topics: topics.map((topic) => topic.text), matches, settings, command: deps.command, page: wanted.page, learning, showHeldBack: wanted.all === true });
  const pages = post.pager?.pages ?? previewPages(post.header.count ?? 0);
  const lastPage = `${deps.command} digest ${info.date}${wanted.all ? " all" : ""} page ${pages}`;
  if (wanted.page > pages) return errorReply(`The ${info.date} preview has ${plural(pages, "page")}.`, lastPage);
  post.ephemeral = true;
  post.voteButtons = true;
  post.intro = [[text(`Preview: ${plural(matches.length, "paper")} of ${papers.length} in the ${info.date} digest match this channel.`)]];
  return post;
}

export async function why(deps: CommandDeps, context: CommandContext, args: string): Promise<Post> {
  const found = await findPaper(deps, args, "why");
  if (isReply(found)) return found;
  const channelId = formatChannelId(context.channel);
  const channel = await deps.store.getChannel(channelId);
  const topics = channel ? await deps.store.listTopics(channelId) : [];
  if (topics.length === 0) return errorReply("This channel has no topics, so nothing matches here.", `${deps.command} subscribe kv cache`);
  const like = (await loadLikeContext(deps.store, topics.map((topic) => topic.text))).context;
  const explanations = deps.topics.explain(topics, found, channel?.settings.match, like);
  const hits = explanations.filter((entry) => entry.matched).length;
  const lines: Rich[] = explanations.map((entry): Rich => [text(entry.matched ? "✓ " : "✗ "), code(entry.topic), text(` — ${entry.reasons.join("; ")}`)]);
  const learned = channel ? await whyLearning(deps, learningOf(deps), channel, topics, found, hits > 0) : [];
  return notePost(hits > 0 ? `${found.id} matches ${plural(hits, "topic")} here` : `${found.id} matches none of this channel's topics`, [[text(found.title)], ...lines, ...learned]);
}

