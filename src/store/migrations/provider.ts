/** Migrations live in code (no files to ship or find at run time); names sort in application order. */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { PaperboyError } from "../../core/errors.js";
import type { Database, Dialect } from "../schema.js";
import { initMigration } from "./0001-init.js";

function migrations(dialect: Dialect): Record<string, Migration> {
  return { "0001-init": initMigration(dialect) };
}

/** Applies every pending migration; a no-op when the schema is current. */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(dialect) };
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    throw new PaperboyError("store.migration_failed", `database migration ${failed ?? ""} failed: ${String(error)}`, {
      migration: failed,
    });
  }
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
