/**
 * The initial schema. Plain SQL per dialect: the differences (FTS5 vs tsvector, integer keys) are easier
 * to review side by side than through the schema builder. Every statement is idempotent (IF NOT EXISTS)
 * so that a half-applied migration on a database without transactional DDL can simply run again.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "../schema.js";

const COMMON = (serial: string) => [
  `CREATE TABLE IF NOT EXISTS digests (
    seq ${serial},
    date TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    source TEXT NOT NULL,
    paper_count INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS digest_papers (
    date TEXT NOT NULL,
    position INTEGER NOT NULL,
    paper_id TEXT NOT NULL,
    PRIMARY KEY (date, position)
  )`,
  `CREATE TABLE IF NOT EXISTS channels (
    id TEXT PRIMARY KEY,
    platform TEXT NOT NULL,
    workspace TEXT NOT NULL,
    channel TEXT NOT NULL,
    time TEXT NOT NULL,
    timezone TEXT NOT NULL,
    days TEXT NOT NULL,
    mode TEXT NOT NULL,
    max_papers INTEGER NOT NULL,
    format TEXT NOT NULL,
    on_empty TEXT NOT NULL,
    paused INTEGER NOT NULL,
    paused_reason TEXT,
    cursor INTEGER NOT NULL DEFAULT 0,
    last_slot TEXT,
    created_at TEXT NOT NULL
  )`,
  `CREATE INDEX IF NOT EXISTS channels_workspace ON channels (platform, workspace)`,
  `CREATE TABLE IF NOT EXISTS topics (
    id ${serial},
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (channel_id, text)
  )`,
  `CREATE TABLE IF NOT EXISTS deliveries (
    id ${serial},
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    slot TEXT NOT NULL,
    state TEXT NOT NULL,
    digest_dates TEXT NOT NULL,
    paper_ids TEXT NOT NULL,
    error TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (channel_id, slot)
  )`,
  `CREATE INDEX IF NOT EXISTS deliveries_state ON deliveries (state, id)`,
  `CREATE TABLE IF NOT EXISTS delivery_messages (
    delivery_id INTEGER NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    body TEXT NOT NULL,
    reply_to INTEGER,
    state TEXT NOT NULL,
    ref TEXT,
    PRIMARY KEY (delivery_id, idx)
  )`,
  `CREATE TABLE IF NOT EXISTS posted_papers (
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    paper_id TEXT NOT NULL,
    delivery_id INTEGER NOT NULL,
    PRIMARY KEY (channel_id, paper_id)
  )`,
  `CREATE TABLE IF NOT EXISTS state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  )`,
];

const PAPER_COLUMNS = `
    id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    authors TEXT NOT NULL,
    authors_text TEXT NOT NULL,
    categories TEXT NOT NULL,
    categories_text TEXT NOT NULL,
    url TEXT NOT NULL,
    tldr TEXT,
    motivation TEXT,
    method TEXT,
    result TEXT,
    conclusion TEXT,
    abstract TEXT,
    comment TEXT,
    pdf_url TEXT,
    code_url TEXT,
    code_stars INTEGER,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL`;

const SQLITE = [
  `CREATE TABLE IF NOT EXISTS papers (num INTEGER PRIMARY KEY, ${PAPER_COLUMNS})`,
  `CREATE INDEX IF NOT EXISTS papers_recent ON papers (last_seen, num)`,
  ...COMMON("INTEGER PRIMARY KEY AUTOINCREMENT"),
  // The full-text table is created by 0002-search-words.ts.
];

const POSTGRES = [
  `CREATE TABLE IF NOT EXISTS papers (
    num SERIAL PRIMARY KEY, ${PAPER_COLUMNS},
    fts_all TSVECTOR, fts_title TSVECTOR, fts_authors TSVECTOR
  )`,
  `CREATE INDEX IF NOT EXISTS papers_recent ON papers (last_seen, num)`,
  `CREATE INDEX IF NOT EXISTS papers_fts_all ON papers USING GIN (fts_all)`,
  `CREATE INDEX IF NOT EXISTS papers_fts_title ON papers USING GIN (fts_title)`,
  `CREATE INDEX IF NOT EXISTS papers_fts_authors ON papers USING GIN (fts_authors)`,
  ...COMMON("SERIAL PRIMARY KEY"),
];

export function initMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const statement of dialect === "sqlite" ? SQLITE : POSTGRES) await sql.raw(statement).execute(db);
    },
  };
}
