/**
 * A title-only FTS table (search-sqlite.ts): "title hits first" through a column filter on the main
 * table scans every occurrence of a word to find the few in titles. Filled from the archive.
 */
import { sql, type Kysely, type Migration } from "kysely";
import { rebuildSearchIndex } from "../reindex.js";
import type { Database, Dialect } from "../schema.js";

export function titleIndexMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "sqlite") return;
      await sql.raw("DROP TABLE IF EXISTS papers_title_fts").execute(db);
      await sql
        .raw(`CREATE VIRTUAL TABLE papers_title_fts USING fts5(title, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`)
        .execute(db);
      await rebuildSearchIndex(db as Kysely<Database>, dialect, { main: false, titles: true, terms: false });
    },
  };
}
