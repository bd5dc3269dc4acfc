/**
 * Full-text indexes of plain normalized words. The first index (porter stems on SQLite, Porter stems in
 * the Postgres tsvectors) missed prefix searches: plans search word forms by a shared prefix
 * (`generat*` for generative/generation), which a stemmed index had reduced to `gener`. Rebuilds the
 * index from the papers table, so an existing archive keeps working.
 */
import { sql, type Kysely, type Migration } from "kysely";
import type { Database, Dialect } from "../schema.js";
import { rebuildSearchIndex } from "../reindex.js";

const SQLITE_FTS = `CREATE VIRTUAL TABLE papers_fts USING fts5(
  title, tldr, abstract, motivation, method, result, conclusion, authors, categories,
  content='', contentless_delete=1,
  tokenize='unicode61 remove_diacritics 2'
)`;

export function searchWordsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === "sqlite") {
        // Contentless: the text lives in `papers`; the index holds what search-text.ts derives from it
        // (CJK as bigrams). The rowid is the recency key of search-sqlite.ts.
        await sql.raw("DROP TABLE IF EXISTS papers_fts").execute(db);
        await sql.raw(SQLITE_FTS).execute(db);
      }
      await rebuildSearchIndex(db as Kysely<Database>, dialect, { main: true, titles: false, terms: false });
    },
  };
}
