/** Small key/value state for platform adapters (Slack OAuth installations and the like). */
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";

export class StateRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async getState(key: string): Promise<string | null> {
    const row = await this.db.selectFrom("state").select("value").where("key", "=", key).executeTakeFirst();
    return row?.value ?? null;
  }

  /** null deletes the key. */
  async setState(key: string, value: string | null): Promise<void> {
    if (value === null) {
      await this.db.deleteFrom("state").where("key", "=", key).execute();
      return;
    }
    await this.db
      .insertInto("state")
      .values({ key, value })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
      .execute();
  }

  async listState(prefix: string): Promise<Array<{ key: string; value: string }>> {
    // substr instead of LIKE: prefixes may contain % or _ (and no escaping differences between dialects).
    return this.db
      .selectFrom("state")
      .select(["key", "value"])
      .where(sql<string>`substr(key, 1, ${Array.from(prefix).length})`, "=", prefix)
      .orderBy("key")
      .execute();
  }
}
