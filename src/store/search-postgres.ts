/**
 * Postgres full text: three `simple` tsvectors per paper (all text fields, title, authors) of the matcher's
 * normalized words and CJK bigrams (search-text.ts); plans reach word forms through prefixes (`:*`).
 * A field other than title searches `fts_all`: a superset, which the contract allows.
 */
import { CompiledQuery, sql, type Expression, type Kysely, type SqlBool } from "kysely";
import type { ArchivedPaper } from "../core/paper.js";
import type { SearchAlternative, SearchPlan } from "../core/ports.js";
import { chunks, type IndexedPaper } from "./ingest.js";
import { paperFromRow } from "./rows.js";
import type { Database } from "./schema.js";
import { alternativePhrases, authorTokens, postgresFieldText, type TermPhrase } from "./search-text.js";
import type { TxBody } from "./tx.js";

const TEXT_FIELDS = ["title", "tldr", "abstract", "motivation", "method", "result", "conclusion"] as const;

export function* writePostgresIndex(papers: IndexedPaper[]): TxBody<string[]> {
  for (const chunk of chunks(papers, 200)) {
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const { num, row } of chunk) {
      const all = TEXT_FIELDS.map((f) => postgresFieldText(row[f])).join(" ");
      const base = parameters.length;
      parameters.push(num, all, postgresFieldText(row.title), postgresFieldText(row.authors_text));
      tuples.push(`($${base + 1}::integer, $${base + 2}, $${base + 3}, $${base + 4})`);
    }
    yield CompiledQuery.raw(
      `UPDATE papers AS p SET fts_all = to_tsvector('simple', v.a), fts_title = to_tsvector('simple', v.t),
         fts_authors = to_tsvector('simple', v.au)
       FROM (VALUES ${tuples.join(", ")}) AS v(num, a, t, au) WHERE p.num = v.num`,
      parameters,
    );
  }
  return [];
}

/** Tokens are letters and digits only (search-text.ts), so single quotes are just a formality. */
function lexeme(token: string, prefix: boolean): string {
  return `'${token.replaceAll("'", "''")}'${prefix ? ":*" : ""}`;
}

function phraseQuery(phrase: TermPhrase): string {
  // CJK bigrams sit at consecutive positions too, so `<->` holds for both kinds.
  return phrase.tokens.map((token) => lexeme(token.text, token.prefix)).join(" <-> ");
}

function alternativeQuery(alternative: SearchAlternative): string | null {
  const phrases = alternativePhrases(alternative);
  if (phrases.length === 0) return null;
  return phrases.map((p) => `(${phraseQuery(p)})`).join(" & ");
}

function alternativePredicate(alternative: SearchAlternative, column: "fts_all" | "fts_title"): Expression<SqlBool> | null {
  const query = alternativeQuery(alternative);
  if (query === null) return null;
  const target = alternative.field === "title" ? "fts_title" : column;
  return sql<SqlBool>`${sql.ref(target)} @@ to_tsquery('simple', ${query})`;
}

function planPredicates(plan: SearchPlan): Array<Expression<SqlBool>> {
  const predicates: Array<Expression<SqlBool>> = [];
  for (const group of plan.all) {
    const alternatives = group.any.map((a) => alternativePredicate(a, "fts_all"));
    if (alternatives.length === 0 || alternatives.some((a) => a === null)) continue;
    predicates.push(sql<SqlBool>`(${sql.join(alternatives as Array<Expression<SqlBool>>, sql` OR `)})`);
  }
  const authors = authorTokens(plan.authorWords);
  if (authors.length > 0) {
    const query = authors.map((t) => lexeme(t.text, false)).join(" & ");
    predicates.push(sql<SqlBool>`fts_authors @@ to_tsquery('simple', ${query})`);
  }
  const categories = plan.categories.map(categoryPattern);
  if (categories.length > 0) {
    predicates.push(sql<SqlBool>`(${sql.join(categories.map((p) => sql<SqlBool>`categories_text LIKE ${p}`), sql` OR `)})`);
  }
  return predicates;
}

/** `cs.AR` → `% cs.ar %`; `cs.*` → `% cs.%` (categories_text is space-delimited, lower case). */
function categoryPattern(category: string): string {
  const lower = category.trim().toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`);
  return lower.endsWith("*") ? `% ${lower.slice(0, -1)}%` : `% ${lower} %`;
}

function titlePredicate(plan: SearchPlan): Expression<SqlBool> | null {
  const hits = plan.all
    .flatMap((g) => g.any)
    .filter((a) => a.field === undefined || a.field === "title")
    .map((a) => alternativePredicate({ ...a, field: "title" }, "fts_title"))
    .filter((p): p is Expression<SqlBool> => p !== null);
  return hits.length === 0 ? null : sql<SqlBool>`(${sql.join(hits, sql` OR `)})`;
}

export async function searchPostgres(db: Kysely<Database>, plan: SearchPlan, limit: number): Promise<ArchivedPaper[]> {
  if (limit <= 0) return [];
  const predicates = planPredicates(plan);
  const newest = (extra: Array<Expression<SqlBool>>, n: number) =>
    db
      .selectFrom("papers")
      .selectAll()
      .where((eb) => eb.and([...predicates, ...extra]))
      .orderBy("last_seen", "desc")
      .orderBy("num", "desc")
      .limit(n)
      .execute();
  const title = predicates.length === 0 ? null : titlePredicate(plan);
  const titleRows = title === null ? [] : await newest([title], limit);
  const seen = new Set(titleRows.map((r) => r.id));
  const rest = titleRows.length >= limit ? [] : (await newest([], limit)).filter((r) => !seen.has(r.id));
  return [...titleRows, ...rest].slice(0, limit).map(paperFromRow);
}
