/**
 * A lease on each open delivery: the instance sending it holds the lease and renews it per message, so a
 * second instance (or `paperboy deliver` beside `paperboy start`) resumes a delivery only when its sender
 * is gone — never in parallel with it.
 */
import { type Kysely, type Migration } from "kysely";

export function deliveryLeaseMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("deliveries").addColumn("lease_owner", "text").execute();
      await db.schema.alterTable("deliveries").addColumn("lease_until", "text").execute();
    },
  };
}
