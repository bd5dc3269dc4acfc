/**
 * Transactions written once, run on either dialect. A transaction is a generator that yields compiled
 * queries and receives their rows. On SQLite the generator runs *synchronously* inside better-sqlite3's
 * `BEGIN IMMEDIATE`: a transaction never spans an `await`, so two stores in one process cannot deadlock
 * on SQLite's write lock (the busy handler blocks the thread), and another process simply waits on
 * busy_timeout. On Postgres it runs in a Kysely transaction, awaiting each query; unique constraints and
 * row locks serialize competing instances.
 */
import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery, Kysely } from "kysely";
import type { Database } from "./schema.js";

export type TxBody<T> = Generator<CompiledQuery, T, unknown[]>;

/** Runs one query inside a transaction body: `const rows = yield* rows(query.compile())`. */
export function* rows<R>(query: CompiledQuery<R>): Generator<CompiledQuery, R[], unknown[]> {
  return (yield query) as R[];
}

/** Thrown inside a body to roll back and still return a value (a refused claim). */
export class Rollback<T> {
  constructor(readonly value: T) {}
}

export interface TxRunner {
  run<T>(body: () => TxBody<T>): Promise<T>;
}

export class SqliteTxRunner implements TxRunner {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly raw: BetterSqlite3.Database) {}

  async run<T>(body: () => TxBody<T>): Promise<T> {
    const transaction = this.raw.transaction(() => this.drive(body()));
    try {
      return transaction.immediate();
    } catch (error) {
      if (error instanceof Rollback) return error.value as T;
      throw error;
    }
  }

  private drive<T>(generator: TxBody<T>): T {
    let step = generator.next([]);
    while (!step.done) step = generator.next(this.execute(step.value));
    return step.value;
  }

  private execute(query: CompiledQuery): unknown[] {
    const statement = this.prepare(query.sql);
    const parameters = query.parameters.map(toSqliteValue);
    if (statement.reader) return statement.all(parameters);
    statement.run(parameters);
    return [];
  }

  private prepare(text: string): BetterSqlite3.Statement {
    let statement = this.statements.get(text);
    if (statement === undefined) {
      statement = this.raw.prepare(text);
      // Multi-row inserts vary in length; keep the cache bounded rather than clever.
      if (this.statements.size > 500) this.statements.clear();
      this.statements.set(text, statement);
    }
    return statement;
  }
}

function toSqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === undefined) return null;
  return value;
}

// A concurrent instance may commit the same digest or paper rows first (unique_violation), or two
// transactions may lock the same rows in another order (deadlock): running the body again then sees the
// committed state. Claims never hit these: they use ON CONFLICT DO NOTHING.
const RETRYABLE = new Set(["23505", "40P01", "40001"]);
const ATTEMPTS = 3;

export class PostgresTxRunner implements TxRunner {
  constructor(private readonly db: Kysely<Database>) {}

  async run<T>(body: () => TxBody<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt(body);
      } catch (error) {
        if (error instanceof Rollback) return error.value as T;
        const code = (error as { code?: unknown }).code;
        if (attempt >= ATTEMPTS || typeof code !== "string" || !RETRYABLE.has(code)) throw error;
      }
    }
  }

  private attempt<T>(body: () => TxBody<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const generator = body();
      let step = generator.next([]);
      while (!step.done) {
        const result = await trx.executeQuery(step.value);
        step = generator.next(result.rows as unknown[]);
      }
      return step.value;
    });
  }
}
