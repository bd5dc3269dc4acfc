/** Rebuilds the full-text index (or only its word list) of every paper from the papers table (migrations). */
import { CompiledQuery, type Kysely } from "kysely";
import type { IndexedPaper, IndexWriter } from "./ingest.js";
import type { Database, Dialect } from "./schema.js";
import { writePostgresIndex } from "./search-postgres.js";
import { writeSqliteIndex } from "./search-sqlite.js";
import { collectWords, writeTerms } from "./search-vocab.js";

const PAGE = 1000;
const TEXT_COLUMNS = ["title", "tldr", "abstract", "motivation", "method", "result", "conclusion"] as const;

export async function rebuildSearchIndex(db: Kysely<Database>, dialect: Dialect, options: { wordsOnly?: boolean } = {}): Promise<number> {
  const write: IndexWriter = dialect === "sqlite" ? (papers) => writeSqliteIndex(papers) : writePostgresIndex;
  // Whether the word list exists yet: 0002 runs before 0003 creates it.
  const hasTerms =
    dialect === "sqlite" &&
    (await db.executeQuery(CompiledQuery.raw("SELECT 1 FROM sqlite_master WHERE name = 'search_terms'"))).rows.length > 0;
  let after = 0;
  let total = 0;
  for (;;) {
    const page = await db.selectFrom("papers").selectAll().where("num", ">", after).orderBy("num").limit(PAGE).execute();
    if (page.length === 0) return total;
    if (options.wordsOnly === true) {
      const words = new Set<string>();
      for (const row of page) for (const column of TEXT_COLUMNS) collectWords(row[column], words);
      await run(db, writeTerms([...words]));
    } else {
      // A fresh index: nothing stale to delete first.
      const papers: IndexedPaper[] = page.map((row) => ({ num: Number(row.num), row, previousLastSeen: null }));
      await run(db, write(papers), hasTerms || dialect === "postgres");
    }
    after = Number(page[page.length - 1]!.num);
    total += page.length;
  }
}

async function run(db: Kysely<Database>, queries: Generator<CompiledQuery, unknown, unknown[]>, termsAllowed = true): Promise<void> {
  for (let step = queries.next([]); !step.done; step = queries.next([])) {
    if (!termsAllowed && step.value.sql.includes("search_terms")) continue;
    await db.executeQuery(step.value);
  }
}
