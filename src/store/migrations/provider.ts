/** Migrations live in code (no files to ship or find at run time); names sort in application order. */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { PaperboyError } from "../../core/errors.js";
import type { Database, Dialect } from "../schema.js";
import { initMigration } from "./0001-init.js";
import { searchWordsMigration } from "./0002-search-words.js";
import { searchTermsMigration } from "./0003-search-terms.js";
import { titleIndexMigration } from "./0004-title-index.js";
import { deliveryLeaseMigration } from "./0005-delivery-lease.js";
import { channelReadingSettingsMigration } from "./0006-channel-reading-settings.js";
import { votesMigration } from "./0007-votes.js";

function migrations(dialect: Dialect): Record<string, Migration> {
  return {
    "0001-init": initMigration(dialect),
    "0002-search-words": searchWordsMigration(dialect),
    "0003-search-terms": searchTermsMigration(dialect),
    "0004-title-index": titleIndexMigration(dialect),
    "0005-delivery-lease": deliveryLeaseMigration(),
    "0006-channel-reading-settings": channelReadingSettingsMigration(),
    "0007-votes": votesMigration(),
  };
}

/**
 * Applies every pending migration; a no-op when the schema is current. Kysely's SQLite migrator takes
 * no lock, so a second process starting at the same moment can collide with the first (a duplicate
 * kysely_migration row): it then tries again and finds the work done.
 */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await migrateOnce(db, dialect);
    } catch (error) {
      if (attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function migrateOnce(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  // Kysely looks for its bookkeeping tables by name in every schema; pin them to ours so that several
  // paperboy schemas can share one Postgres database.
  const schema = dialect === "postgres" ? await currentSchema(db) : undefined;
  const migrator = new Migrator({ db, provider, ...(schema !== undefined ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new PaperboyError("store.migration_failed", `database migration ${failed ?? ""} failed: ${String(error)}`, {
      migration: failed,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}

async function currentSchema(db: Kysely<Database>): Promise<string | undefined> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? undefined;
}
