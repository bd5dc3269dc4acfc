/** Rebuilds the full-text index of every paper from the papers table (migrations). */
import type { Kysely } from "kysely";
import type { IndexedPaper, IndexWriter } from "./ingest.js";
import type { Database, Dialect } from "./schema.js";
import { writePostgresIndex } from "./search-postgres.js";
import { writeSqliteIndex } from "./search-sqlite.js";

const PAGE = 1000;

export async function rebuildSearchIndex(db: Kysely<Database>, dialect: Dialect): Promise<number> {
  const write: IndexWriter = dialect === "sqlite" ? writeSqliteIndex : writePostgresIndex;
  let after = 0;
  let total = 0;
  for (;;) {
    const page = await db.selectFrom("papers").selectAll().where("num", ">", after).orderBy("num").limit(PAGE).execute();
    if (page.length === 0) return total;
    // A fresh index: nothing stale to delete first.
    const papers: IndexedPaper[] = page.map((row) => ({ num: Number(row.num), row, previousLastSeen: null }));
    const queries = write(papers);
    for (let step = queries.next([]); !step.done; step = queries.next([])) await db.executeQuery(step.value);
    after = Number(page[page.length - 1]!.num);
    total += page.length;
  }
}
