/**
 * SQLite FTS5: the index writer for ingest and `searchCandidates`. The FTS rowid is a recency key
 * (last_seen day × 2^32 + paper num, search-text.ts), so "newest first" is FTS5's own `ORDER BY rowid
 * DESC` and a LIMIT stops the scan early instead of sorting every match. Title hits come first.
 */
import { CompiledQuery, type Kysely } from "kysely";
import type { ArchivedPaper } from "../core/paper.js";
import type { SearchAlternative, SearchPlan } from "../core/ports.js";
import { chunks, type IndexedPaper } from "./ingest.js";
import { paperFromRow } from "./rows.js";
import type { Database } from "./schema.js";
import { alternativePhrases, authorTokens, categoryPhrase, numFromKey, recencyKey, sqliteFieldText, type PhraseToken, type TermPhrase } from "./search-text.js";
import { collectWords, expandPrefix, writeTerms } from "./search-vocab.js";
import type { TxBody } from "./tx.js";

const TEXT_COLUMNS = ["title", "tldr", "abstract", "motivation", "method", "result", "conclusion"] as const;
const FTS_COLUMNS = `rowid, ${TEXT_COLUMNS.join(", ")}, authors, categories`;

/**
 * Brings the FTS rows of these papers up to date and records their words. `knownWords` (words this
 * process has already committed) only saves statements; the caller adds the returned new words to it
 * once the transaction has committed.
 */
export function* writeSqliteIndex(
  papers: IndexedPaper[],
  knownWords: ReadonlySet<string> = new Set(),
  // Migrations rebuild before the later tables exist.
  tables: { titles: boolean; terms: boolean } = { titles: true, terms: true },
): TxBody<string[]> {
  const stale = papers.filter((p) => p.previousLastSeen !== null).map((p) => recencyKey(p.previousLastSeen!, p.num));
  for (const chunk of chunks(stale, 1000)) {
    const keys = chunk.map(() => "?").join(",");
    yield CompiledQuery.raw(`DELETE FROM papers_fts WHERE rowid IN (${keys})`, chunk);
    if (tables.titles) yield CompiledQuery.raw(`DELETE FROM papers_title_fts WHERE rowid IN (${keys})`, chunk);
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
    if (tables.titles) {
      const titles = chunk.flatMap(({ key, row }) => [key, sqliteFieldText(row.title)]);
      yield CompiledQuery.raw(`INSERT INTO papers_title_fts (rowid, title) VALUES ${chunk.map(() => "(?,?)").join(",")}`, titles);
    }
  }
  if (!tables.terms) return [];
  const words = new Set<string>();
  for (const { row, textChanged } of papers) if (textChanged) for (const column of TEXT_COLUMNS) collectWords(row[column], words);
  const fresh = [...words].filter((w) => !knownWords.has(w));
  yield* writeTerms(fresh);
  return fresh;
}

function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/** Prefix → the index words it stands for (search-vocab.ts); absent or null: keep the prefix syntax. */
export type Expansions = ReadonlyMap<string, readonly string[] | null>;

/** A term no indexed word has: the phrase, and so the alternative, cannot match. */
export const NOTHING = Symbol("nothing");
type Expr = string | typeof NOTHING;

// An OR of concrete phrases is merged lazily; past this many the cross product costs more than FTS5's
// own prefix merge.
const MAX_PHRASES = 64;

function anyOf(phrases: string[]): string {
  return phrases.length === 1 ? phrases[0]! : `(${phrases.join(" OR ")})`;
}

function prefixSyntax(tokens: readonly PhraseToken[]): string {
  return tokens.map((t) => `${quote(t.text)}${t.prefix ? " *" : ""}`).join(" + ");
}

/**
 * A phrase as FTS5 wants it: concrete words where the vocabulary knows them (`"kv cache" OR "kv
 * caches"`), else `"kv" + "cach" *`. A prefix too common to expand (`co*`) is left out of a phrase that
 * has other words — a superset, and it spares FTS5 merging thousands of doclists.
 */
function phraseExpr(phrase: TermPhrase, expansions: Expansions): Expr | null {
  const forms = phrase.tokens.map((t) => (t.prefix ? (expansions.get(t.text) ?? null) : [t.text]));
  if (forms.some((f) => f !== null && f.length === 0)) return NOTHING;
  if (forms.every((f) => f === null)) {
    if (phrase.cjk || phrase.tokens.length === 1) return prefixSyntax(phrase.tokens);
    // Only very common prefixes (`co* + t*`): require the longest alone; one- and two-letter prefixes
    // match nearly every paper, so such a phrase cannot narrow anything (and would cost FTS5 a merge of
    // thousands of doclists).
    const longest = phrase.tokens.reduce((a, b) => (b.text.length > a.text.length ? b : a));
    return longest.text.length >= 3 ? prefixSyntax([longest]) : null;
  }
  const runs: Array<Array<{ token: PhraseToken; forms: readonly string[] }>> = [[]];
  phrase.tokens.forEach((token, i) => {
    const known = forms[i];
    if (known === null || known === undefined) runs.push([]);
    else runs[runs.length - 1]!.push({ token, forms: known });
  });
  return runs
    .filter((run) => run.length > 0)
    .map((run) => {
      const count = run.reduce((n, r) => n * r.forms.length, 1);
      // Too many combinations: every word on its own (lazy ORs, a superset of the phrase).
      if (count > MAX_PHRASES) return run.map((r) => anyOf(r.forms.map(quote))).join(" AND ");
      let variants: string[][] = [[]];
      for (const r of run) variants = variants.flatMap((v) => r.forms.map((form) => [...v, form]));
      return anyOf(variants.map((v) => quote(v.join(" "))));
    })
    .join(" AND ");
}

/** An alternative as an FTS5 expression; null when the index cannot narrow it. */
/** `titleTable`: for papers_title_fts, whose only column is the title (no column filter needed). */
function alternativeExpr(alternative: SearchAlternative, titleTable: boolean, expansions: Expansions): Expr | null {
  const phrases = alternativePhrases(alternative);
  if (phrases.length === 0) return null;
  // Phrases made only of prefixes too common to expand narrow little and cost much: with other phrases
  // in the alternative (`inter* ne*` beside `thing*`), leave them out — still a superset.
  const expandable = (p: TermPhrase) => p.cjk || p.tokens.some((t) => !t.prefix || (expansions.get(t.text) ?? null) !== null);
  const useful = phrases.some(expandable) ? phrases.filter(expandable) : phrases;
  const all = useful.map((p) => phraseExpr(p, expansions));
  if (all.includes(NOTHING)) return NOTHING;
  const parts = all.filter((p): p is string => typeof p === "string");
  if (parts.length === 0) return null;
  if (titleTable) return `(${parts.join(" AND ")})`;
  const field = alternative.field;
  const columns = field !== undefined && (TEXT_COLUMNS as readonly string[]).includes(field) ? field : TEXT_COLUMNS.join(" ");
  return `{${columns}} : (${parts.join(" AND ")})`;
}

/** The plan as one FTS5 MATCH expression; null: every paper is a candidate; NOTHING: none is. */
export function planExpression(plan: SearchPlan, expansions: Expansions = new Map()): Expr | null {
  const parts: string[] = [];
  for (const group of plan.all) {
    const alternatives = group.any.map((a) => alternativeExpr(a, false, expansions));
    // One alternative the index cannot narrow makes the whole group unnarrowable.
    if (alternatives.length === 0 || alternatives.some((a) => a === null)) continue;
    const possible = alternatives.filter((a): a is string => a !== NOTHING);
    if (possible.length === 0) return NOTHING;
    parts.push(`(${possible.join(" OR ")})`);
  }
  const authorWords = authorTokens(plan.authorWords);
  if (authorWords.length > 0) parts.push(`{authors} : (${authorWords.map((t) => quote(t.text)).join(" AND ")})`);
  const categories = plan.categories.map(categoryPhrase);
  if (categories.length > 0 && categories.every((c) => c !== null)) {
    // The most specific token alone (`cs.MM` → "mm", `cs.*` → "cs"): a phrase would check positions
    // through the doclist of "cs", which nearly every paper has. A superset, as plans allow.
    parts.push(`{categories} : (${categories.map((c) => prefixSyntax(c!.tokens.slice(-1))).join(" OR ")})`);
  }
  return parts.length === 0 ? null : parts.join(" AND ");
}

/**
 * Some term of the plan in the title, for papers_title_fts: ranked above the rest. A separate table
 * because a column filter on the main one scans every occurrence of a word to find the few in titles.
 */
export function titleExpression(plan: SearchPlan, expansions: Expansions = new Map(), mainTable = false): string | null {
  const hits = plan.all
    .flatMap((g) => g.any)
    .filter((a) => a.field === undefined || a.field === "title")
    .map((a) => alternativeExpr(mainTable ? { ...a, field: "title" } : a, !mainTable, expansions))
    .filter((e): e is string => e !== null && e !== NOTHING);
  return hits.length === 0 ? null : `(${hits.join(" OR ")})`;
}

async function expansionsFor(db: Kysely<Database>, plan: SearchPlan): Promise<Expansions> {
  const prefixes = new Set<string>();
  for (const alternative of plan.all.flatMap((g) => g.any)) {
    for (const phrase of alternativePhrases(alternative)) {
      if (!phrase.cjk) for (const token of phrase.tokens) if (token.prefix) prefixes.add(token.text);
    }
  }
  const expansions = new Map<string, readonly string[] | null>();
  for (const prefix of prefixes) expansions.set(prefix, await expandPrefix(db, prefix));
  return expansions;
}

export async function searchSqlite(db: Kysely<Database>, plan: SearchPlan, limit: number): Promise<ArchivedPaper[]> {
  if (limit <= 0) return [];
  const expansions = await expansionsFor(db, plan);
  const expression = planExpression(plan, expansions);
  if (expression === NOTHING) return [];
  if (expression === null) {
    const recent = await db.selectFrom("papers").selectAll().orderBy("last_seen", "desc").orderBy("num", "desc").limit(limit).execute();
    return recent.map(paperFromRow);
  }
  const titleHits = await newestTitleHits(db, plan, expansions, expression, limit);
  const seen = new Set(titleHits);
  const bodyHits = titleHits.length >= limit ? [] : (await matchNewest(db, "papers_fts", expression, limit)).filter((key) => !seen.has(key));
  return loadByKeys(db, [...titleHits, ...bodyHits].slice(0, limit));
}

/**
 * With one group, a title hit of one of its alternatives is a match, and papers_title_fts finds it
 * cheaply; categories are then checked on the papers rows.
 * With several groups the other groups must hold too: the main table's title column, slower.
 */
async function newestTitleHits(db: Kysely<Database>, plan: SearchPlan, expansions: Expansions, expression: string, limit: number): Promise<number[]> {
  if (plan.all.length > 1) {
    const inTitles = titleExpression(plan, expansions, true);
    return inTitles === null ? [] : matchNewest(db, "papers_fts", `(${expression}) AND ${inTitles}`, limit);
  }
  const title = titleExpression(plan, expansions, false);
  if (title === null) return [];
  const keys = await matchNewest(db, "papers_title_fts", title, limit);
  // Authors are left to the matcher: LIKE cannot fold "Müller" to "muller".
  if (keys.length === 0 || plan.categories.length === 0) return keys;
  // categories_text is " cs.ai cs.lg ": `% cs.ai %`, or `% cs.%` for `cs.*`. An unescaped `_` or `%` in a
  // category would only widen the match.
  const patterns = plan.categories.map((c) => c.trim().toLowerCase()).map((c) => (c.endsWith("*") ? `% ${c.slice(0, -1)}%` : `% ${c} %`));
  const query = db
    .selectFrom("papers")
    .select("num")
    .where("num", "in", keys.map(numFromKey))
    .where((eb) => eb.or(patterns.map((pattern) => eb("categories_text", "like", pattern))));
  const passed = new Set((await query.execute()).map((r) => Number(r.num)));
  return keys.filter((key) => passed.has(numFromKey(key)));
}

/**
 * Keys of the newest matches. No bm25: FTS5 computes it from every matching row's statistics, which
 * doubled the cost of broad queries; within one day, papers keep their archive order.
 */
async function matchNewest(db: Kysely<Database>, table: "papers_fts" | "papers_title_fts", expression: string, limit: number): Promise<number[]> {
  const result = await db.executeQuery<{ rowid: number }>(
    CompiledQuery.raw(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC LIMIT ?`, [expression, limit]),
  );
  return result.rows.map((r) => Number(r.rowid));
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
