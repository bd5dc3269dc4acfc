/**
 * ingestDigest as one transaction body (see tx.ts): a crash never leaves half a digest in the archive.
 * Papers are read, merged and upserted in chunks, so a whole digest costs a handful of statements.
 */
import { CompiledQuery, type Kysely } from "kysely";
import type { Paper } from "../core/paper.js";
import type { IngestResult } from "../core/ports.js";
import { mergePaper } from "./merge.js";
import { digestFromRow, paperFromRow, paperToRow, type NewPaperRow, type PaperRow } from "./rows.js";
import type { Database } from "./schema.js";
import { rows, type TxBody } from "./tx.js";

export interface IndexedPaper {
  num: number;
  row: NewPaperRow;
  /** The paper's last_seen before this ingest (null when new): where its old index entry is. */
  previousLastSeen: string | null;
  /** New, or its text differs from what was indexed: its words need recording (search-vocab.ts). */
  textChanged: boolean;
}

/** Dialect-specific: brings the full-text index of these papers up to date; returns words it recorded. */
export type IndexWriter = (papers: IndexedPaper[]) => Generator<CompiledQuery, string[], unknown[]>;

export interface IngestOutcome {
  result: IngestResult;
  /** Words the index writer recorded (search-vocab.ts), to remember once committed. */
  words: string[];
}

export interface IngestInput {
  date: string;
  hash: string;
  source: string;
  papers: Paper[];
}

const TEXT_COLUMNS = ["title", "tldr", "abstract", "motivation", "method", "result", "conclusion"] as const;

// SQLite allows 32,766 bound parameters per statement; 19 paper columns × 400 rows stays well below.
const CHUNK = 400;

export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function* ingestBody(db: Kysely<Database>, input: IngestInput, now: string, writeIndex: IndexWriter): TxBody<IngestOutcome> {
  const existing = yield* rows(db.selectFrom("digests").selectAll().where("date", "=", input.date).compile());
  const previous = existing[0];
  if (previous !== undefined && previous.hash === input.hash) {
    return { result: { outcome: "unchanged", digest: digestFromRow(previous), newPapers: 0 }, words: [] };
  }
  if (previous !== undefined) {
    yield db.deleteFrom("digest_papers").where("date", "=", input.date).compile();
    yield db.deleteFrom("digests").where("date", "=", input.date).compile();
  }

  const papers = dedupe(input.papers);
  const known = new Map<string, PaperRow>();
  for (const chunk of chunks(papers.map((p) => p.id))) {
    for (const row of yield* rows(db.selectFrom("papers").selectAll().where("id", "in", chunk).compile())) known.set(row.id, row);
  }

  let newPapers = 0;
  const merged: Array<{ row: NewPaperRow; previousLastSeen: string | null; textChanged: boolean }> = [];
  for (const paper of papers) {
    const old = known.get(paper.id);
    if (old === undefined) {
      newPapers++;
      merged.push({ row: paperToRow(paper, input.date, input.date), previousLastSeen: null, textChanged: true });
      continue;
    }
    const isNewer = input.date >= old.last_seen;
    const combined = mergePaper(paperFromRow(old), paper, isNewer);
    const firstSeen = input.date < old.first_seen ? input.date : old.first_seen;
    const lastSeen = isNewer ? input.date : old.last_seen;
    const row = paperToRow(combined, firstSeen, lastSeen);
    const textChanged = TEXT_COLUMNS.some((column) => row[column] !== old[column]);
    merged.push({ row, previousLastSeen: old.last_seen, textChanged });
  }

  const indexed: IndexedPaper[] = [];
  for (const chunk of chunks(merged)) {
    const query = db
      .insertInto("papers")
      .values(chunk.map((m) => m.row))
      .onConflict((oc) => oc.column("id").doUpdateSet((eb) => updateAllColumns(eb)))
      .returning(["num", "id"])
      .compile();
    const nums = new Map((yield* rows(query)).map((r) => [r.id, Number(r.num)]));
    for (const m of chunk) indexed.push({ num: nums.get(m.row.id)!, row: m.row, previousLastSeen: m.previousLastSeen, textChanged: m.textChanged });
  }
  const words = yield* writeIndex(indexed);

  const order = papers.map((paper, position) => ({ date: input.date, position, paper_id: paper.id }));
  for (const chunk of chunks(order, 2000)) yield db.insertInto("digest_papers").values(chunk).compile();

  const inserted = yield* rows(
    db
      .insertInto("digests")
      .values({ date: input.date, hash: input.hash, source: input.source, paper_count: papers.length, ingested_at: now })
      .returningAll()
      .compile(),
  );
  return { result: { outcome: previous === undefined ? "new" : "updated", digest: digestFromRow(inserted[0]!), newPapers }, words };
}

/** The same paper twice in one file becomes one entry, at its first position. */
function dedupe(papers: Paper[]): Paper[] {
  const byId = new Map<string, Paper>();
  for (const paper of papers) {
    const seen = byId.get(paper.id);
    byId.set(paper.id, seen === undefined ? paper : mergePaper(seen, paper, true));
  }
  return [...byId.values()];
}

const UPDATED_COLUMNS = [
  "title",
  "authors",
  "authors_text",
  "categories",
  "categories_text",
  "url",
  "tldr",
  "motivation",
  "method",
  "result",
  "conclusion",
  "abstract",
  "comment",
  "pdf_url",
  "code_url",
  "code_stars",
  "first_seen",
  "last_seen",
] as const;

// The merge happened in JS above (inside the same transaction), so the conflict row simply takes the
// merged values.
function updateAllColumns(eb: { ref(column: `excluded.${(typeof UPDATED_COLUMNS)[number]}`): unknown }) {
  const set: Record<string, unknown> = {};
  for (const column of UPDATED_COLUMNS) set[column] = eb.ref(`excluded.${column}`);
  return set as never;
}

export function rawQuery(text: string, parameters: unknown[]): CompiledQuery {
  return CompiledQuery.raw(text, parameters);
}
