/** Kysely's view of the tables (see migrations/0001-init.ts). Both dialects share these shapes. */
import type { Generated } from "kysely";

export interface PapersTable {
  /** Integer key: SQLite's rowid, also the low half of the paper's FTS key (search-sqlite.ts). */
  num: Generated<number>;
  id: string;
  title: string;
  /** JSON array, as parsed. */
  authors: string;
  /** Authors joined by "; " for search and display. */
  authors_text: string;
  /** JSON array, primary first. */
  categories: string;
  /** Lower-case categories between spaces (" cs.ai cs.lg "), for LIKE filters. */
  categories_text: string;
  url: string;
  tldr: string | null;
  motivation: string | null;
  method: string | null;
  result: string | null;
  conclusion: string | null;
  abstract: string | null;
  comment: string | null;
  pdf_url: string | null;
  code_url: string | null;
  code_stars: number | null;
  first_seen: string;
  last_seen: string;
}

export interface DigestsTable {
  seq: Generated<number>;
  date: string;
  hash: string;
  source: string;
  paper_count: number;
  ingested_at: string;
}

export interface DigestPapersTable {
  date: string;
  position: number;
  paper_id: string;
}

export interface ChannelsTable {
  id: string;
  platform: string;
  workspace: string;
  channel: string;
  time: string;
  timezone: string;
  days: string;
  mode: string;
  max_papers: number;
  format: string;
  on_empty: string;
  language: string;
  match_mode: string;
  learn: string;
  /** 0/1: one integer type for both dialects keeps the shared queries simple. */
  paused: number;
  paused_reason: string | null;
  cursor: number;
  last_slot: string | null;
  created_at: string;
}

export interface TopicsTable {
  id: Generated<number>;
  channel_id: string;
  text: string;
  created_at: string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  channel_id: string;
  slot: string;
  state: string;
  /** JSON arrays. */
  digest_dates: string;
  paper_ids: string;
  error: string | null;
  created_at: string;
  updated_at: string;
  /** Which instance is sending this delivery, and until when (ISO time); see migration 0005. */
  lease_owner: string | null;
  lease_until: string | null;
}

export interface DeliveryMessagesTable {
  delivery_id: number;
  idx: number;
  /** JSON of the rendered platform payload. */
  body: string;
  reply_to: number | null;
  state: string;
  ref: string | null;
}

export interface PostedPapersTable {
  channel_id: string;
  paper_id: string;
  delivery_id: number;
}

export interface StateTable {
  key: string;
  value: string;
}

export interface VotesTable {
  channel_id: string;
  paper_id: string;
  user_id: string;
  /** "up" or "down". */
  value: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  papers: PapersTable;
  digests: DigestsTable;
  digest_papers: DigestPapersTable;
  channels: ChannelsTable;
  topics: TopicsTable;
  deliveries: DeliveriesTable;
  delivery_messages: DeliveryMessagesTable;
  posted_papers: PostedPapersTable;
  state: StateTable;
  votes: VotesTable;
}

export type Dialect = "sqlite" | "postgres";
