/** Rebuilds the full-text indexes of every paper from the papers table (migrations). */
import type { CompiledQuery, Kysely } from "kysely";
import type { IndexedPaper } from "./ingest.js";
import type { Database, Dialect } from "./schema.js";
import { writePostgresIndex } from "./search-postgres.js";
import { writeSqliteIndex } from "./search-sqlite.js";

const PAGE = 1000;

/** `tables`: which SQLite tables exist at this point of the migrations. */
export async function rebuildSearchIndex(
  db: Kysely<Database>,
  dialect: Dialect,
  tables: { main: boolean; titles: boolean; terms: boolean },
): Promise<number> {
  let after = 0;
  let total = 0;
  for (;;) {
    const page = await db.selectFrom("papers").selectAll().where("num", ">", after).orderBy("num").limit(PAGE).execute();
    if (page.length === 0) return total;
    // A fresh index: nothing stale to delete first.
    const papers: IndexedPaper[] = page.map((row) => ({ num: Number(row.num), row, previousLastSeen: null, textChanged: true }));
    const queries = dialect === "sqlite" ? writeSqliteIndex(papers, new Set(), tables) : writePostgresIndex(papers);
    await run(db, queries, tables.main);
    after = Number(page[page.length - 1]!.num);
    total += page.length;
  }
}

async function run(db: Kysely<Database>, queries: Generator<CompiledQuery, unknown, unknown[]>, main: boolean): Promise<void> {
  for (let step = queries.next([]); !step.done; step = queries.next([])) {
    // Adding tables to an existing index: the main FTS table is already complete.
    if (!main && /\bpapers_fts\b/.test(step.value.sql)) continue;
    await db.executeQuery(step.value);
  }
}
