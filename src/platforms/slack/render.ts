/**
 * Post → `chat.postMessage` bodies (without `channel`: the adapter adds it). Pure and deterministic.
 *
 * Every body stays within Slack's limits (limits.ts): long text is split into several sections, and the
 * blocks are packed into as many messages as needed — a card is never dropped or truncated away. All
 * digest text goes through escape.ts, so it cannot mention, ping or inject links.
 */
import type { Card, Post, Rich } from "../../core/post.js";
import type { Message } from "../../core/ports.js";
import { packSections, truncate, type PackItem } from "../split.js";
import { escapedLength, escapeMrkdwn, mrkdwnLink } from "./escape.js";
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
  | { type: "divider" };

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
  if (post.header.date) meta.push(plainLine(post.header.date, 100));
  if (post.header.count !== undefined) meta.push(`${post.header.count} ${post.header.count === 1 ? "paper" : "papers"}`);
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
  const summary = richChunks(card.summary, L.sectionText, L.sectionText - titleLine.length - 1);
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

/** The `text` fallback: what notifications and screen readers show. Escaped like everything else. */
function fallbackText(heading: string, blocks: Block[]): string {
  const lines = [heading];
  for (const block of blocks) {
    if (block.type === "section") lines.push(block.text.text.split("\n")[0] ?? "");
  }
  const text = lines.filter((line) => line.trim() !== "").join("\n");
  // Only whole lines are kept, so no entity or link is cut in half.
  let out = "";
  for (const line of text.split("\n")) {
    const next = out === "" ? line : `${out}\n${line}`;
    if (next.length > L.fallbackText - 2) return out === "" ? "paperboy" : `${out}\n…`;
    out = next;
  }
  return out.trim() === "" ? "paperboy" : out;
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

function toBody(blocks: Block[], heading: string): SlackMessageBody {
  return { text: fallbackText(heading, blocks), blocks, unfurl_links: false, unfurl_media: false };
}

export function renderSlackPost(post: Post): Message[] {
  const limits = { maxCount: L.blocksPerMessage, maxSize: L.blocksTextBudget };
  const threaded = post.format === "full" && !post.ephemeral;
  const heading = escapeMrkdwn(truncate(post.header.title.replace(/\s+/g, " ").trim(), 300));

  // Sections in reading order (header, intro, one per card, overflow, notes); where each card's section
  // lands decides which message its thread reply belongs under.
  const sections: Block[][] = [headerBlocks(post), ...post.intro.map(paragraphBlocks)];
  const cardSection: number[] = [];
  for (const card of post.cards) {
    cardSection.push(sections.length);
    sections.push([DIVIDER, ...cardBlocks(card, !threaded)]);
  }
  if (post.overflow) sections.push([DIVIDER, ...contextBlocks(richChunks(post.overflow, L.contextElementText))]);
  sections.push(...post.notes.map(paragraphBlocks));

  const messages: Message[] = [];
  const messageOfSection = new Map<number, number>();
  for (const entries of packSections(sections.map((blocks) => blocks.map(item)), limits)) {
    const blocks = tidy(entries.map((entry) => entry.value));
    if (blocks.length === 0) continue;
    const index = messages.length;
    for (const entry of entries) {
      if (entry.value.type !== "divider" && !messageOfSection.has(entry.section)) messageOfSection.set(entry.section, index);
    }
    messages.push({ body: toBody(blocks, index === 0 ? heading : `${heading} (continued)`), replyTo: null });
  }
  if (messages.length === 0) messages.push({ body: toBody([section(heading || "paperboy")], heading), replyTo: null });

  if (threaded) {
    post.cards.forEach((card, index) => {
      const details = detailBlocks(card);
      if (details.length === 0) return;
      const parent = messageOfSection.get(cardSection[index]!) ?? 0;
      const intro = contextBlocks([`Details: ${mrkdwnLink(card.title.replace(/\s+/g, " ").trim() || card.paperId, card.url)}`]);
      for (const entries of packSections([[...intro, ...details].map(item)], limits)) {
        const blocks = entries.map((entry) => entry.value);
        messages.push({ body: toBody(blocks, `Details: ${escapeMrkdwn(truncate(card.title, 300))}`), replyTo: parent });
      }
    });
  }
  return messages;
}
