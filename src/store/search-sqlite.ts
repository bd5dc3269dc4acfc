/**
 * SQLite FTS5: the index writer for ingest and `searchCandidates`. The FTS rowid is a recency key
 * (last_seen day × 2^32 + paper num, search-text.ts), so "newest first" is FTS5's own `ORDER BY rowid
 * DESC` and a LIMIT stops the scan early instead of sorting every match.
 */
import { CompiledQuery, type Kysely } from "kysely";
import type { ArchivedPaper } from "../core/paper.js";
import type { SearchAlternative, SearchPlan } from "../core/ports.js";
import { chunks, type IndexedPaper } from "./ingest.js";
import { paperFromRow } from "./rows.js";
import type { Database } from "./schema.js";
import { alternativePhrases, authorTokens, categoryPhrase, numFromKey, recencyKey, sqliteFieldText, type TermPhrase } from "./search-text.js";
import type { TxBody } from "./tx.js";

const TEXT_COLUMNS = ["title", "tldr", "abstract", "motivation", "method", "result", "conclusion"] as const;
const FTS_COLUMNS = `rowid, ${TEXT_COLUMNS.join(", ")}, authors, categories`;

export function* writeSqliteIndex(papers: IndexedPaper[]): TxBody<void> {
  const stale = papers.filter((p) => p.previousLastSeen !== null).map((p) => recencyKey(p.previousLastSeen!, p.num));
  for (const chunk of chunks(stale, 1000)) {
    yield CompiledQuery.raw(`DELETE FROM papers_fts WHERE rowid IN (${chunk.map(() => "?").join(",")})`, chunk);
  }
  // FTS5 flushes its pending segment whenever a rowid is not above the last one written: inserting in
  // key order keeps one segment per transaction (out of order, ingest was ~6× slower).
  const keyed = papers.map((p) => ({ key: recencyKey(p.row.last_seen, p.num), row: p.row })).sort((a, b) => a.key - b.key);
  for (const chunk of chunks(keyed, 500)) {
    const parameters: unknown[] = [];
    for (const { key, row } of chunk) {
      parameters.push(key);
      for (const column of TEXT_COLUMNS) parameters.push(sqliteFieldText(row[column]));
      parameters.push(row.authors_text.normalize("NFKC"), row.categories_text);
    }
    const tuple = `(${new Array(10).fill("?").join(",")})`;
    yield CompiledQuery.raw(`INSERT INTO papers_fts (${FTS_COLUMNS}) VALUES ${chunk.map(() => tuple).join(",")}`, parameters);
  }
}

function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/** `"kv" + "cach" *`: FTS5 marks prefixes per string, and `+` joins strings into one phrase. */
function phraseExpr(phrase: TermPhrase): string {
  return phrase.tokens.map((t) => `${quote(t.text)}${t.prefix ? " *" : ""}`).join(" + ");
}

/** An alternative as an FTS5 expression, or null when the index cannot narrow it. */
function alternativeExpr(alternative: SearchAlternative, onlyTitle: boolean): string | null {
  const phrases = alternativePhrases(alternative);
  if (phrases.length === 0) return null;
  const body = phrases.map(phraseExpr).join(" AND ");
  const field = onlyTitle ? "title" : alternative.field;
  const columns = field !== undefined && (TEXT_COLUMNS as readonly string[]).includes(field) ? field : TEXT_COLUMNS.join(" ");
  return `{${columns}} : (${body})`;
}

/** The plan as one FTS5 MATCH expression (null: nothing to match on, every paper is a candidate). */
export function planExpression(plan: SearchPlan): string | null {
  const parts: string[] = [];
  for (const group of plan.all) {
    const alternatives = group.any.map((a) => alternativeExpr(a, false));
    // One alternative the index cannot narrow makes the whole group unnarrowable.
    if (alternatives.length === 0 || alternatives.some((a) => a === null)) continue;
    parts.push(`(${alternatives.join(" OR ")})`);
  }
  const authorWords = authorTokens(plan.authorWords);
  if (authorWords.length > 0) parts.push(`{authors} : (${authorWords.map((t) => quote(t.text)).join(" AND ")})`);
  const categories = plan.categories.map(categoryPhrase);
  if (categories.length > 0 && categories.every((c) => c !== null)) {
    parts.push(`{categories} : (${categories.map((c) => phraseExpr(c!)).join(" OR ")})`);
  }
  return parts.length === 0 ? null : parts.join(" AND ");
}

/** Papers where some term of the plan hits the title: ranked above the rest. */
export function titleExpression(plan: SearchPlan): string | null {
  const hits = plan.all
    .flatMap((g) => g.any)
    .filter((a) => a.field === undefined || a.field === "title")
    .map((a) => alternativeExpr(a, true))
    .filter((e): e is string => e !== null);
  return hits.length === 0 ? null : `(${hits.join(" OR ")})`;
}

interface Hit {
  key: number;
  score: number;
}

export async function searchSqlite(db: Kysely<Database>, plan: SearchPlan, limit: number): Promise<ArchivedPaper[]> {
  if (limit <= 0) return [];
  const expression = planExpression(plan);
  if (expression === null) {
    const recent = await db.selectFrom("papers").selectAll().orderBy("last_seen", "desc").orderBy("num", "desc").limit(limit).execute();
    return recent.map(paperFromRow);
  }
  const title = titleExpression(plan);
  const titleHits = title === null ? [] : await matchNewest(db, `(${expression}) AND ${title}`, limit);
  const seen = new Set(titleHits.map((h) => h.key));
  const bodyHits = titleHits.length >= limit ? [] : (await matchNewest(db, expression, limit)).filter((h) => !seen.has(h.key));
  const ordered = [...rankWithinDays(titleHits), ...rankWithinDays(bodyHits)].slice(0, limit);
  return loadByKeys(db, ordered.map((h) => h.key));
}

async function matchNewest(db: Kysely<Database>, expression: string, limit: number): Promise<Hit[]> {
  const result = await db.executeQuery<{ rowid: number; score: number }>(
    CompiledQuery.raw("SELECT rowid, bm25(papers_fts) AS score FROM papers_fts WHERE papers_fts MATCH ? ORDER BY rowid DESC LIMIT ?", [
      expression,
      limit,
    ]),
  );
  return result.rows.map((r) => ({ key: Number(r.rowid), score: Number(r.score) }));
}

/** Recency first (the key's day), then bm25 (lower is better in FTS5) among papers of the same day. */
function rankWithinDays(hits: Hit[]): Hit[] {
  const day = (key: number) => Math.floor(key / 2 ** 32);
  return hits.slice().sort((a, b) => day(b.key) - day(a.key) || a.score - b.score || b.key - a.key);
}

async function loadByKeys(db: Kysely<Database>, keys: number[]): Promise<ArchivedPaper[]> {
  if (keys.length === 0) return [];
  const nums = keys.map(numFromKey);
  const found = await db.selectFrom("papers").selectAll().where("num", "in", nums).execute();
  const byNum = new Map(found.map((row) => [Number(row.num), row]));
  return nums.flatMap((num) => {
    const row = byNum.get(num);
    return row === undefined ? [] : [paperFromRow(row)];
  });
}
