/**
 * Votes on posted papers: one per person per paper per channel, changeable. They feed the channel's
 * relevance model (src/core/learn). Plain SQL, the same for both dialects; idempotent like 0001.
 */
import { sql, type Kysely, type Migration } from "kysely";

const STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS votes (
    channel_id TEXT NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
    paper_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    value TEXT NOT NULL CHECK (value IN ('up', 'down')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (channel_id, paper_id, user_id)
  )`,
];

export function votesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
    },
  };
}
