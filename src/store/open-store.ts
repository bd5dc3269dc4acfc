/** `sqlite:<path>` or `postgres://…` → a Store. The only place that knows drivers and URLs. */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { PaperboyError, errorMessage } from "../core/errors.js";
import type { Log, Store } from "../core/ports.js";
import type { Database } from "./schema.js";
import { KyselyStore } from "./store.js";
import { PostgresTxRunner, SqliteTxRunner } from "./tx.js";

export interface OpenStoreOptions {
  logger?: Log;
  /** Clock for stored timestamps (tests). */
  now?: () => Date;
  /** How long a SQLite writer waits for another process's write lock (ms). */
  busyTimeoutMs?: number;
  /** Postgres pool size. */
  maxConnections?: number;
}

export async function openStore(url: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (url.startsWith("sqlite:")) return openSqlite(url.slice("sqlite:".length), options);
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return openPostgres(url, options);
  throw new PaperboyError("store.bad_url", `unsupported database URL (use sqlite:<path> or postgres://…): ${redact(url)}`);
}

function openSqlite(path: string, options: OpenStoreOptions): Store {
  const inMemory = path === ":memory:" || path === "";
  const file = inMemory ? ":memory:" : resolve(path.replace(/^\/\/(?=\/)/, ""));
  let raw: BetterSqlite3.Database;
  try {
    if (!inMemory) mkdirSync(dirname(file), { recursive: true });
    raw = new BetterSqlite3(file, { timeout: options.busyTimeoutMs ?? 10_000 });
    raw.pragma("journal_mode = WAL");
    // WAL + NORMAL: a commit survives a process crash; only an OS crash may lose the last commits.
    raw.pragma("synchronous = NORMAL");
    raw.pragma("foreign_keys = ON");
    // FTS5 merges rewrite index pages: a 64 MB page cache keeps a day's ingest mostly in memory.
    raw.pragma("cache_size = -65536");
    // Fewer, larger checkpoints: FTS merges rewrite the same pages many times within a few seconds.
    raw.pragma("wal_autocheckpoint = 8192");
  } catch (error) {
    throw new PaperboyError("store.open_failed", `cannot open SQLite database ${file}: ${errorMessage(error)}`, { path: file });
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return new KyselyStore({ db, dialect: "sqlite", runner: new SqliteTxRunner(raw), logger: options.logger, now: options.now });
}

async function openPostgres(url: string, options: OpenStoreOptions): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10 });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new PaperboyError("store.open_failed", `cannot connect to Postgres at ${redact(url)}: ${errorMessage(error)}`);
  }
  pool.on("error", (error) => options.logger?.warn({ err: errorMessage(error) }, "idle Postgres connection failed"));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return new KyselyStore({ db, dialect: "postgres", runner: new PostgresTxRunner(db), logger: options.logger, now: options.now });
}

/** URLs may carry a password: never echo it. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");
}
