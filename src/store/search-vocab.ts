/**
 * The words of the SQLite full-text index, kept in `search_terms`, so that a prefix can be searched as
 * the handful of words that start with it. FTS5 evaluates `model*` by merging the doclists of every such
 * term into memory before returning a row, which grows with the archive; an OR of the same terms is
 * merged lazily and stops at the LIMIT. Only ASCII words are kept and expanded: they are exactly what
 * unicode61 indexes (diacritics folded the same way), so an expansion never misses a form; other
 * prefixes keep FTS5's own prefix syntax.
 */
import { CompiledQuery, type Kysely } from "kysely";
import type { Database } from "./schema.js";
import { chunks } from "./ingest.js";
import type { TxBody } from "./tx.js";

const NON_ASCII = /[^\x00-\x7f]/;
const ASCII_WORD = /[a-z0-9]+/g;
const ANY_WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const CJK_CHARS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Adds the ASCII index words of a text to `into`. */
export function collectWords(text: string | null | undefined, into: Set<string>): void {
  if (text === null || text === undefined || text === "") return;
  if (!NON_ASCII.test(text)) {
    for (const match of text.toLowerCase().matchAll(ASCII_WORD)) into.add(match[0]);
    return;
  }
  const latin = text.normalize("NFKC").replace(CJK_CHARS, " ").toLowerCase();
  for (const match of latin.matchAll(ANY_WORD)) {
    const word = NON_ASCII.test(match[0]) ? match[0].normalize("NFD").replace(MARKS, "") : match[0];
    // A word that stays non-ASCII may be folded differently by unicode61: such prefixes are not expanded.
    if (NON_ASCII.test(word)) into.add(word);
    else for (const part of word.matchAll(ASCII_WORD)) into.add(part[0]);
  }
}

/** Records words not yet known (INSERT OR IGNORE: other processes may have added them). */
export function* writeTerms(words: string[]): TxBody<void> {
  for (const chunk of chunks(words, 2000)) {
    yield CompiledQuery.raw(`INSERT OR IGNORE INTO search_terms (term) VALUES ${chunk.map(() => "(?)").join(",")}`, chunk);
  }
}

export const MAX_EXPANSION = 128;

/**
 * The index words starting with `prefix` (none: no paper can match), or null when FTS5's prefix syntax
 * should be used instead (too many words, non-ASCII words, or a non-ASCII prefix).
 */
export async function expandPrefix(db: Kysely<Database>, prefix: string): Promise<string[] | null> {
  if (NON_ASCII.test(prefix) || prefix === "") return null;
  const result = await db.executeQuery<{ term: string }>(
    CompiledQuery.raw("SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?", [prefix, `${prefix}\u{10ffff}`, MAX_EXPANSION + 1]),
  );
  const terms = result.rows.map((r) => r.term);
  if (terms.length > MAX_EXPANSION || terms.some((t) => NON_ASCII.test(t))) return null;
  return terms;
}
