/** The index's word list (search-vocab.ts), filled from the archive so that existing databases search fast. */
import { sql, type Kysely, type Migration } from "kysely";
import { rebuildSearchIndex } from "../reindex.js";
import type { Database, Dialect } from "../schema.js";

export function searchTermsMigration(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect !== "sqlite") return;
      await sql.raw("CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID").execute(db);
      await rebuildSearchIndex(db as Kysely<Database>, dialect, { main: false, titles: false, terms: true });
    },
  };
}
