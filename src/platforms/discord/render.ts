/**
 * Post → Discord create-message bodies (pure). A short `content` header, one embed per paper card, and the
 * notes/overflow line; every body within every limit of `limits.ts`, splitting into more embeds and more
 * messages rather than truncating or dropping anything. All digest text goes through `escape.ts`.
 */
import { ButtonStyle, ComponentType, embedLength, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type APIEmbedField } from "discord.js";
import type { Message } from "../../core/ports.js";
import { pagerLine, type Card, type Post, type Rich } from "../../core/post.js";
import { pagerButtons, type PagerButton } from "../pager-buttons.js";
import { packSections, splitText, truncate, type PackItem } from "../split.js";
import { voteButtonId, voteLabel } from "../vote-buttons.js";
import { escapeText, plainText, safeUrl } from "./escape.js";
import { CARD_COLOR, DISCORD_LIMITS as L, ERROR_COLOR } from "./limits.js";
import { packPieces, paragraphPieces, richChunks, textPieces } from "./rich-text.js";

type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A Discord create-message body (the subset paperboy sends). */
export interface DiscordMessageBody {
  content?: string;
  embeds?: APIEmbed[];
  /** The pager's Previous / Next buttons (command replies only) and each card's 👍 / 👎 (digest posts). */
  components?: ButtonRow[];
  /** Always present and empty: digest text must never ping anyone. */
  allowed_mentions: { parse: [] };
}

export function renderDiscordPost(post: Post): Message[] {
  const color = post.isError ? ERROR_COLOR : CARD_COLOR;
  const hasCards = post.cards.length > 0;
  // Command replies page with buttons; the pager line then sits with them at the top of the first message,
  // so a page of 10 compact cards stays one message (10 embeds) and a press replaces it whole.
  const buttons = post.pager && post.ephemeral ? pagerButtons(post.pager) : [];
  // With vote buttons a page is several messages anyway: the pager then closes the post (its last message),
  // its row counted with the cards' rows so that it always fits.
  const voteRows = post.voteButtons === true && hasCards ? post.cards.map((card, index) => voteRow(card, index + 1)) : [];
  const pagerAtEnd = voteRows.length > 0 && buttons.length > 0;
  const pagerOnTop = post.pager && buttons.length > 0 && !pagerAtEnd ? [pagerLine(post.pager)] : [];
  const tail: Rich[] = [...post.notes, ...(post.overflow ? [post.overflow] : []), ...(post.pager && pagerOnTop.length === 0 ? [pagerLine(post.pager)] : [])];

  const contentParagraphs = [...headerParagraphs(post), ...post.intro, ...pagerOnTop, ...(hasCards ? [] : tail)];
  const contents = richChunks(contentParagraphs, L.content - CONTINUATION_RESERVE);

  // A card's buttons go on the message holding its first embed (the one with its title).
  const rowsOf = new Map<APIEmbed, ButtonRow>();
  const sections: Array<Array<PackItem<APIEmbed>>> = post.cards.map((card, index) =>
    cardEmbeds(card, post.header.date, color, voteRows.length > 0 ? index + 1 : undefined).map((embed, part) => {
      const row = part === 0 ? voteRows[index] : undefined;
      if (row) rowsOf.set(embed, row);
      return { ...asItem(embed), rows: row ? 1 : 0 };
    }),
  );
  if (hasCards && tail.length > 0) {
    const tailEmbeds = richChunks(tail, L.embedDescription).map((description): APIEmbed => ({ color, description }));
    if (pagerAtEnd && tailEmbeds[0]) rowsOf.set(tailEmbeds[0], pagerRow(buttons));
    sections.push(tailEmbeds.map((embed) => ({ ...asItem(embed), rows: rowsOf.has(embed) ? 1 : 0 })));
  }
  const embedMessages = packSections(sections, { maxCount: L.embedsPerMessage, maxSize: L.embedsTotal, maxRows: L.actionRows });

  const bodies: DiscordMessageBody[] = contents.map((content) => ({ content, allowed_mentions: { parse: [] } }));
  embedMessages.forEach((packed, index) => {
    const embeds = packed.map((item) => item.value);
    const rows = embeds.flatMap((embed) => rowsOf.get(embed) ?? []);
    const withRows = rows.length > 0 ? { components: rows } : {};
    const last = bodies[bodies.length - 1];
    // Content does not count against the embed budget, so the first embeds ride along with the header.
    if (index === 0 && last !== undefined && last.embeds === undefined) Object.assign(last, { embeds }, withRows);
    else bodies.push({ embeds, ...withRows, allowed_mentions: { parse: [] } });
  });
  if (bodies.length === 0) bodies.push({ content: "\u2014", allowed_mentions: { parse: [] } });
  // Every message after the first says it continues the post, and which one of how many it is (subtext).
  const heading = escapeText(truncate(post.header.title.replace(/\s+/g, " ").trim(), 60));
  bodies.forEach((body, index) => {
    if (index === 0) return;
    const marker = `-# continued · ${index + 1}/${bodies.length}${heading ? ` · ${heading}` : ""}`;
    body.content = body.content === undefined ? marker : `${marker}\n${body.content}`;
  });
  // The pager's text line stays (screen readers, console); without vote buttons, the pager's buttons go on
  // the first message with it.
  if (buttons.length > 0 && !pagerAtEnd) bodies[0]!.components = [pagerRow(buttons)];
  return bodies.map((body) => ({ body, replyTo: null }));
}

function pagerRow(buttons: PagerButton[]): ButtonRow {
  const components: APIButtonComponentWithCustomId[] = buttons.map((button) => ({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: button.label, custom_id: button.id }));
  return { type: ComponentType.ActionRow, components };
}

/**
 * 👍 / 👎 for one card. Buttons belong to the message, not to the embed, so each label says which card it
 * rates: its number in the post and a few words of its title.
 */
function voteRow(card: Card, number: number): ButtonRow | undefined {
  const components: APIButtonComponentWithCustomId[] = [];
  for (const value of ["up", "down"] as const) {
    const id = voteButtonId(card.paperId, value);
    if (id !== null) components.push({ type: ComponentType.Button, style: ButtonStyle.Secondary, label: voteLabel(value, number, card.title, L.buttonLabel), custom_id: id });
  }
  return components.length > 0 ? { type: ComponentType.ActionRow, components } : undefined;
}

/** Room kept in each message's content for the continuation line. */
const CONTINUATION_RESERVE = 200;

function asItem(embed: APIEmbed): PackItem<APIEmbed> {
  return { value: embed, count: 1, size: embedLength(embed) };
}

/** Title line, then the topics on the next line: one paragraph, so no blank line between them. */
function headerParagraphs(post: Post): Rich[] {
  const { title, date, count, topics } = post.header;
  const spans: Rich = [];
  if (title.trim() !== "") spans.push({ kind: "bold", text: `${post.isError ? "⚠️ " : ""}${title}` });
  const countText = count === undefined ? undefined : `${count} ${count === 1 ? "paper" : "papers"}`;
  // Titles such as "arXiv digest · 2026-01-06: 12 papers" already say it: don't repeat.
  const facts = [date, countText].filter((fact): fact is string => fact !== undefined && !title.includes(fact));
  if (facts.length > 0) spans.push({ kind: "text", text: `${spans.length > 0 ? " · " : ""}${facts.join(" · ")}` });
  if (topics && topics.length > 0) {
    spans.push({ kind: "text", text: `${spans.length > 0 ? "\n" : ""}Topics: ` });
    topics.forEach((topic, index) => {
      if (index > 0) spans.push({ kind: "text", text: ", " });
      spans.push({ kind: "code", text: topic });
    });
  }
  return spans.length > 0 ? [spans] : [];
}

/**
 * One card → one embed, or several when its text exceeds one embed (continuations carry no title).
 * `number`: the card's place in a post with vote buttons, shown in the footer so a label's "👍 2" can be
 * matched to its card.
 */
export function cardEmbeds(card: Card, date: string | undefined, color: number, number?: number): APIEmbed[] {
  const fullTitle = escapeText(card.title.replace(/\s+/g, " ").trim()) || escapeText(card.paperId);
  const titleFits = fullTitle.length <= L.embedTitle;
  const title = titleFits ? fullTitle : shortTitle(fullTitle);

  const descriptionParagraphs: Rich[] = [];
  if (!titleFits) descriptionParagraphs.push([{ kind: "bold", text: card.title.replace(/\s+/g, " ").trim() }]);
  if (card.summary.length > 0) descriptionParagraphs.push(card.summary);
  if (card.summaryEnglish?.length) descriptionParagraphs.push(card.summaryEnglish);
  descriptionParagraphs.push(...card.extra);
  const descriptions = richChunks(descriptionParagraphs, L.embedDescription);

  const fields: APIEmbedField[] = [
    ...splitField("Authors", card.authors, false),
    ...splitField("Category", card.category, true),
    ...matchedField(card.matched),
    ...(card.details
      ? [
          ...splitField("Motivation", card.details.motivation ?? "", false),
          ...splitField("Method", card.details.method ?? "", false),
          ...splitField("Result", card.details.result ?? "", false),
          ...splitField("Conclusion", card.details.conclusion ?? "", false),
          ...splitField("Abstract", card.details.abstract ?? "", false),
        ]
      : []),
  ];
  const footer = plainText(`${number === undefined ? "" : `#${number} · `}arXiv:${card.paperId}${date ? ` · ${date}` : ""}`).slice(0, L.footerText);

  const first: APIEmbed = { color, title };
  const url = safeUrl(card.url);
  if (url !== null) first.url = url;
  const embeds: APIEmbed[] = [first];
  descriptions.forEach((description, index) => {
    if (index === 0) first.description = description;
    else embeds.push({ color, description });
  });
  for (const field of fields) {
    let last = embeds[embeds.length - 1]!;
    const full = (last.fields?.length ?? 0) >= L.embedFields || embedLength(last) + field.name.length + field.value.length > L.embedsTotal;
    if (full) {
      last = { color, fields: [] };
      embeds.push(last);
    }
    (last.fields ??= []).push(field);
  }
  let last = embeds[embeds.length - 1]!;
  if (footer !== "") {
    if (embedLength(last) + footer.length > L.embedsTotal) {
      last = { color };
      embeds.push(last);
    }
    last.footer = { text: footer };
  }
  return embeds;
}

/** Cut an escaped title to the limit at a word boundary, never leaving a dangling escape backslash. */
function shortTitle(escaped: string): string {
  let head = splitText(escaped, L.embedTitle - 2)[0] ?? "";
  if ((/\\+$/.exec(head)?.[0].length ?? 0) % 2 === 1) head = head.slice(0, -1);
  return `${head}…`;
}

/** A field, split into "Name", "Name (cont.)"… when its value exceeds 1024 characters. */
function splitField(name: string, raw: string, inline: boolean): APIEmbedField[] {
  const values = packPieces(textPieces(raw), L.fieldValue);
  return values.map((value, index) => ({ name: index === 0 ? name : `${name} (cont.)`, value, inline }));
}

function matchedField(matched: string[]): APIEmbedField[] {
  if (matched.length === 0) return [];
  const pieces = paragraphPieces([matched.flatMap((term, index) => [...(index > 0 ? [{ kind: "text" as const, text: ", " }] : []), { kind: "code" as const, text: term }])]);
  return packPieces(pieces, L.fieldValue).map((value, index) => ({ name: index === 0 ? "Matched" : "Matched (cont.)", value, inline: true }));
}
