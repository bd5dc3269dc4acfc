/**
 * Per-channel reading settings: the summary language, the match strictness and learning from votes.
 * Existing channels get the defaults a new channel gets.
 */
import { type Kysely, type Migration } from "kysely";

export function channelReadingSettingsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable("channels").addColumn("language", "text", (c) => c.notNull().defaultTo("both")).execute();
      await db.schema.alterTable("channels").addColumn("match_mode", "text", (c) => c.notNull().defaultTo("balanced")).execute();
      await db.schema.alterTable("channels").addColumn("learn", "text", (c) => c.notNull().defaultTo("auto")).execute();
    },
  };
}
