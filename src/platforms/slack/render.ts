/**
 * Post → `chat.postMessage` bodies (without `channel`: the adapter adds it). Pure and deterministic.
 *
 * Every body stays within Slack's limits (limits.ts): long text is split into several sections, and the
 * blocks are packed into as many messages as needed — a card is never dropped or truncated away. All
 * digest text goes through escape.ts, so it cannot mention, ping or inject links.
 */
import { pagerLine, plain, type Card, type Pager, type Post, type Rich } from "../../core/post.js";
import type { Message } from "../../core/ports.js";
import { pagerButtons } from "../pager-buttons.js";
import { VOTE_TEXT, voteButtonId } from "../vote-buttons.js";
import { packSections, truncate, type PackItem } from "../split.js";
import { escapedLength, escapeMrkdwn, mrkdwnLink } from "./escape.js";
import { fallbackText } from "./fallback.js";
import { SLACK_LIMITS as L } from "./limits.js";
import { plainLine, richChunks } from "./mrkdwn.js";

export interface TextObject {
  type: "mrkdwn" | "plain_text";
  text: string;
  verbatim?: boolean;
  emoji?: boolean;
}

export type Block =
  | { type: "header"; text: TextObject }
  | { type: "section"; text: TextObject }
  | { type: "context"; elements: TextObject[] }
  | { type: "divider" }
  | { type: "actions"; block_id?: string; elements: ButtonElement[] };

/** A Block Kit button: https://docs.slack.dev/reference/block-kit/block-elements/button-element */
export interface ButtonElement {
  type: "button";
  text: { type: "plain_text"; text: string; emoji: boolean };
  action_id: string;
  value: string;
}

/** Every pager button's action_id starts with this (the listener matches on it). */
export const PAGER_ACTION_PREFIX = "paperboy_pager_";

/** Every vote button's action_id starts with this (the listener matches on it). */
export const VOTE_ACTION_PREFIX = "paperboy_vote_";

export interface SlackMessageBody {
  text: string;
  blocks: Block[];
  unfurl_links: false;
  unfurl_media: false;
}

// `verbatim: true`: Slack must not auto-link channel names or URLs found in digest text.
const md = (text: string): TextObject => ({ type: "mrkdwn", text, verbatim: true });
const section = (text: string): Block => ({ type: "section", text: md(text) });
const DIVIDER: Block = { type: "divider" };

/** Characters of block text, counted the way the `msg_blocks_too_long` budget is. */
export function blockTextLength(block: Block): number {
  if (block.type === "divider") return 0;
  if (block.type === "actions") return block.elements.reduce((sum, element) => sum + element.text.text.length, 0);
  if (block.type === "context") return block.elements.reduce((sum, element) => sum + element.text.length, 0);
  return block.text.text.length;
}

const item = (block: Block): PackItem<Block> => ({ value: block, count: 1, size: blockTextLength(block) });

/** Paragraph → section blocks of at most 3000 characters each. */
function paragraphBlocks(rich: Rich): Block[] {
  return richChunks(rich, L.sectionText).filter((chunk) => chunk !== "").map(section);
}

/** mrkdwn strings → context blocks of at most 10 elements and, like a section, at most 3000 characters. */
function contextBlocks(texts: string[]): Block[] {
  const elements = texts.filter((text) => text !== "").map((text): PackItem<TextObject> => ({ value: md(text), count: 1, size: text.length }));
  return packSections([elements], { maxCount: L.contextElements, maxSize: L.sectionText }).map((group) => ({ type: "context", elements: group.map((entry) => entry.value) }));
}

function headerBlocks(post: Post): Block[] {
  const title = post.isError ? `⚠️ ${post.header.title}` : post.header.title;
  const headerText = escapeMrkdwn(truncate(title.replace(/\s+/g, " ").trim(), L.headerText, escapedLength));
  const blocks: Block[] = headerText === "" ? [] : [{ type: "header", text: { type: "plain_text", text: headerText, emoji: true } }];
  const meta: string[] = [];
  const countText = post.header.count === undefined ? undefined : `${post.header.count} ${post.header.count === 1 ? "paper" : "papers"}`;
  // Titles such as "arXiv digest · 2026-01-06: 12 papers" already say it: each fact is shown once.
  for (const fact of [post.header.date, countText]) if (fact !== undefined && !title.includes(fact)) meta.push(plainLine(fact, 100));
  const topics = post.header.topics ?? [];
  if (topics.length > 0) {
    // The channel's topics share the context line; a very long list is cut (it is settings, not content).
    const room = L.contextElements - meta.length;
    const pieces = richChunks([{ kind: "text", text: "topics: " }, ...topics.flatMap((topic, index) => [{ kind: "text" as const, text: index === 0 ? "" : ", " }, { kind: "code" as const, text: topic }])], L.contextElementText);
    meta.push(...pieces.slice(0, room));
  }
  return [...blocks, ...contextBlocks(meta)];
}

/** The card's own blocks (without the leading divider): title + summary sections, then its context line. */
function cardBlocks(card: Card, inlineDetails: boolean): Block[] {
  const titleLine = `*${mrkdwnLink(card.title.replace(/\s+/g, " ").trim() || card.paperId, card.url)}*`;
  const summaryRich: Rich = card.summaryEnglish?.length ? [...card.summary, { kind: "text", text: "\n" }, ...card.summaryEnglish] : card.summary;
  const summary = richChunks(summaryRich, L.sectionText, L.sectionText - titleLine.length - 1);
  const first = summary.length > 0 && summary[0] !== "" ? `${titleLine}\n${summary[0]}` : titleLine;
  const blocks: Block[] = [section(first), ...summary.slice(1).map(section)];
  const meta = [card.authors, card.category].filter((value) => value.trim() !== "").map((value) => plainLine(value, L.contextElementText));
  if (card.matched.length > 0) meta.push(plainLine(`matched: ${card.matched.join(", ")}`, L.contextElementText));
  meta.push(...card.extra.flatMap((rich) => richChunks(rich, L.contextElementText)));
  blocks.push(...contextBlocks(meta));
  if (inlineDetails && card.details) blocks.push(...detailBlocks(card));
  return blocks;
}

const DETAIL_LABELS = [
  ["motivation", "Motivation"],
  ["method", "Method"],
  ["result", "Result"],
  ["conclusion", "Conclusion"],
  ["abstract", "Abstract"],
] as const;

function detailBlocks(card: Card): Block[] {
  const blocks: Block[] = [];
  for (const [key, label] of DETAIL_LABELS) {
    const value = card.details?.[key];
    if (!value || value.trim() === "") continue;
    blocks.push(...paragraphBlocks([{ kind: "bold", text: label }, { kind: "text", text: `\n${value}` }]));
  }
  return blocks;
}

/** Previous / Next buttons; each value names the page it opens (pager-buttons.ts). */
function pagerActions(pager: Pager): Block[] {
  const elements = pagerButtons(pager).map((button): ButtonElement => ({
    type: "button",
    text: { type: "plain_text", text: button.label, emoji: true },
    action_id: `${PAGER_ACTION_PREFIX}${button.page}`,
    value: button.id,
  }));
  return elements.length > 0 ? [{ type: "actions", elements }] : [];
}

/**
 * 👍 / 👎 under a card. The card's place in the post (`number`) makes block_id and action_ids unique in
 * every message; the value names the paper and the vote (vote-buttons.ts).
 */
function voteActions(card: Card, number: number): Block[] {
  const elements: ButtonElement[] = [];
  for (const value of ["up", "down"] as const) {
    const id = voteButtonId(card.paperId, value);
    if (id !== null) elements.push({ type: "button", text: { type: "plain_text", text: VOTE_TEXT[value], emoji: true }, action_id: `${VOTE_ACTION_PREFIX}${value}_${number}`, value: id });
  }
  return elements.length > 0 ? [{ type: "actions", block_id: `${VOTE_ACTION_PREFIX}${number}`, elements }] : [];
}

function tidy(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const previous = out[out.length - 1];
    if (block.type === "divider" && (previous === undefined || previous.type === "divider")) continue;
    out.push(block);
  }
  while (out[out.length - 1]?.type === "divider") out.pop();
  return out;
}

function toBody(blocks: Block[], text: string): SlackMessageBody {
  return { text, blocks, unfurl_links: false, unfurl_media: false };
}

/** Raw text of a card for the fallback: title, summary, English line. */
function cardFallback(card: Card): string {
  return [card.title, plain(card.summary), plain(card.summaryEnglish ?? [])].filter((line) => line.trim() !== "").join("\n");
}

/** Room kept in every main message for the continuation line ("continued · 2/10 · …"). */
const CONTINUATION_RESERVE = 400;

export function renderSlackPost(post: Post): Message[] {
  const limits = { maxCount: L.blocksPerMessage, maxSize: L.blocksTextBudget };
  const mainLimits = { maxCount: L.blocksPerMessage - 1, maxSize: L.blocksTextBudget - CONTINUATION_RESERVE };
  const threaded = post.format === "full" && !post.ephemeral;
  const heading = post.header.title.replace(/\s+/g, " ").trim();

  // Sections in reading order (header, intro, one per card, overflow, pager, notes), each with its raw
  // fallback text; where each card's section lands decides which message its thread reply belongs under.
  const sections: Block[][] = [headerBlocks(post), ...post.intro.map(paragraphBlocks)];
  const fallbacks: string[] = ["", ...post.intro.map(plain)];
  const cardSection: number[] = [];
  post.cards.forEach((card, index) => {
    cardSection.push(sections.length);
    // The buttons close the card's section, so they always land in the same message as the card.
    sections.push([DIVIDER, ...cardBlocks(card, !threaded), ...(post.voteButtons ? voteActions(card, index + 1) : [])]);
    fallbacks.push(cardFallback(card));
  });
  const tail = [...(post.overflow ? [post.overflow] : []), ...(post.pager ? [pagerLine(post.pager)] : [])];
  for (const line of tail) {
    sections.push([DIVIDER, ...contextBlocks(richChunks(line, L.contextElementText))]);
    fallbacks.push(plain(line));
  }
  // The pager's text line stays (screen readers, console); command replies also get buttons.
  const buttons = post.pager && post.ephemeral ? pagerActions(post.pager) : [];
  if (buttons.length > 0) sections[sections.length - 1]!.push(...buttons);
  sections.push(...post.notes.map(paragraphBlocks));
  fallbacks.push(...post.notes.map(plain));

  const packed = packSections(sections.map((blocks) => blocks.map(item)), mainLimits)
    .map((entries) => ({ blocks: tidy(entries.map((entry) => entry.value)), entries }))
    .filter((message) => message.blocks.length > 0);
  const messages: Message[] = [];
  const messageOfSection = new Map<number, number>();
  packed.forEach(({ blocks, entries }, index) => {
    const sectionsHere = [...new Set(entries.filter((entry) => entry.value.type !== "divider").map((entry) => entry.section))];
    for (const section of sectionsHere) if (!messageOfSection.has(section)) messageOfSection.set(section, index);
    // Every message after the first says it continues the post, and which one of how many it is.
    const marker = index === 0 ? null : `continued · ${index + 1}/${packed.length}`;
    const body = marker === null ? blocks : [...contextBlocks([`${marker} · ${plainLine(heading, 300)}`]), ...blocks];
    const text = fallbackText(marker === null ? heading : `${heading} (${marker})`, sectionsHere.map((section) => fallbacks[section] ?? ""));
    messages.push({ body: toBody(body, text), replyTo: null });
  });
  if (messages.length === 0) messages.push({ body: toBody([section(escapeMrkdwn(heading) || "paperboy")], fallbackText(heading, [])), replyTo: null });

  if (threaded) {
    post.cards.forEach((card, index) => {
      const details = detailBlocks(card);
      if (details.length === 0) return;
      const parent = messageOfSection.get(cardSection[index]!) ?? 0;
      const title = card.title.replace(/\s+/g, " ").trim() || card.paperId;
      const intro = contextBlocks([`Details: ${mrkdwnLink(title, card.url)}`]);
      const detailText = DETAIL_LABELS.flatMap(([key, label]) => (card.details?.[key] ? [`${label}: ${card.details[key]}`] : []));
      for (const entries of packSections([[...intro, ...details].map(item)], limits)) {
        const blocks = entries.map((entry) => entry.value);
        messages.push({ body: toBody(blocks, fallbackText(`Details: ${title}`, detailText)), replyTo: parent });
      }
    });
  }
  return messages;
}
