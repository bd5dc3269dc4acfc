/** Row ↔ domain conversions, in one place so that every query returns the same shapes. */
import type { Selectable } from "kysely";
import type { Channel, ChannelSettings, PlatformKind, TopicRecord } from "../core/channel.js";
import type { ArchivedPaper, Paper } from "../core/paper.js";
import type { Delivery, DeliveryMessage, DigestInfo } from "../core/ports.js";
import type {
  ChannelsTable,
  DeliveriesTable,
  DeliveryMessagesTable,
  DigestsTable,
  PapersTable,
  TopicsTable,
} from "./schema.js";

export type PaperRow = Selectable<PapersTable>;
export type NewPaperRow = Omit<PaperRow, "num">;

export function paperFromRow(row: PaperRow): ArchivedPaper {
  const paper: ArchivedPaper = {
    id: row.id,
    title: row.title,
    authors: parseJsonArray(row.authors),
    categories: parseJsonArray(row.categories),
    url: row.url,
    tldr: row.tldr,
    motivation: row.motivation,
    method: row.method,
    result: row.result,
    conclusion: row.conclusion,
    abstract: row.abstract,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  };
  // JSONL-only fields appear only when the archive has them, as a parsed Markdown paper would.
  if (row.comment !== null) paper.comment = row.comment;
  if (row.pdf_url !== null) paper.pdfUrl = row.pdf_url;
  if (row.code_url !== null) paper.codeUrl = row.code_url;
  if (row.code_stars !== null) paper.codeStars = Number(row.code_stars);
  return paper;
}

export function paperToRow(paper: Paper, firstSeen: string, lastSeen: string): NewPaperRow {
  return {
    id: paper.id,
    title: paper.title,
    authors: JSON.stringify(paper.authors),
    authors_text: paper.authors.join("; "),
    categories: JSON.stringify(paper.categories),
    categories_text: ` ${paper.categories.map((c) => c.toLowerCase()).join(" ")} `,
    url: paper.url,
    tldr: paper.tldr,
    motivation: paper.motivation,
    method: paper.method,
    result: paper.result,
    conclusion: paper.conclusion,
    abstract: paper.abstract,
    comment: paper.comment ?? null,
    pdf_url: paper.pdfUrl ?? null,
    code_url: paper.codeUrl ?? null,
    code_stars: paper.codeStars ?? null,
    first_seen: firstSeen,
    last_seen: lastSeen,
  };
}

export function digestFromRow(row: Selectable<DigestsTable>): DigestInfo {
  return {
    seq: Number(row.seq),
    date: row.date,
    hash: row.hash,
    source: row.source,
    paperCount: Number(row.paper_count),
    ingestedAt: row.ingested_at,
  };
}

export function channelFromRow(row: Selectable<ChannelsTable>): Channel {
  return {
    id: row.id,
    ref: { platform: row.platform as PlatformKind, workspace: row.workspace, channel: row.channel },
    settings: {
      time: row.time,
      timezone: row.timezone,
      days: row.days as ChannelSettings["days"],
      mode: row.mode as ChannelSettings["mode"],
      maxPapers: Number(row.max_papers),
      format: row.format as ChannelSettings["format"],
      onEmpty: row.on_empty as ChannelSettings["onEmpty"],
      language: row.language as ChannelSettings["language"],
      match: row.match_mode as ChannelSettings["match"],
      learn: row.learn as ChannelSettings["learn"],
      paused: Number(row.paused) === 1,
    },
    pausedReason: row.paused_reason,
    cursor: Number(row.cursor),
    lastSlot: row.last_slot,
    createdAt: row.created_at,
  };
}

/** Settings fields → their columns; a patch updates only the columns it names. */
export function settingsToColumns(settings: Partial<ChannelSettings>): Partial<ChannelsTable> {
  const columns: Partial<ChannelsTable> = {};
  if (settings.time !== undefined) columns.time = settings.time;
  if (settings.timezone !== undefined) columns.timezone = settings.timezone;
  if (settings.days !== undefined) columns.days = settings.days;
  if (settings.mode !== undefined) columns.mode = settings.mode;
  if (settings.maxPapers !== undefined) columns.max_papers = settings.maxPapers;
  if (settings.format !== undefined) columns.format = settings.format;
  if (settings.onEmpty !== undefined) columns.on_empty = settings.onEmpty;
  if (settings.language !== undefined) columns.language = settings.language;
  if (settings.match !== undefined) columns.match_mode = settings.match;
  if (settings.learn !== undefined) columns.learn = settings.learn;
  if (settings.paused !== undefined) columns.paused = settings.paused ? 1 : 0;
  return columns;
}

export function topicFromRow(row: Selectable<TopicsTable>): TopicRecord {
  return { id: Number(row.id), channelId: row.channel_id, text: row.text, createdAt: row.created_at };
}

export function deliveryFromRows(row: Selectable<DeliveriesTable>, messages: Array<Selectable<DeliveryMessagesTable>>): Delivery {
  return {
    id: Number(row.id),
    channelId: row.channel_id,
    slot: row.slot,
    state: row.state as Delivery["state"],
    digestDates: parseJsonArray(row.digest_dates),
    paperIds: parseJsonArray(row.paper_ids),
    messages: messages
      .slice()
      .sort((a, b) => Number(a.idx) - Number(b.idx))
      .map(messageFromRow),
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function messageFromRow(row: Selectable<DeliveryMessagesTable>): DeliveryMessage {
  return {
    index: Number(row.idx),
    body: JSON.parse(row.body) as unknown,
    replyTo: row.reply_to === null ? null : Number(row.reply_to),
    state: row.state as DeliveryMessage["state"],
    ref: row.ref,
  };
}

function parseJsonArray(text: string): string[] {
  const value = JSON.parse(text) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}
