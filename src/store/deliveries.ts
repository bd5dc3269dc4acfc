/**
 * The delivery ledger. A claim is one transaction keyed by (channel, slot) that also reserves the papers
 * in posted_papers (primary key (channel, paper)): a re-run, a resumed process or a second instance
 * either wins the whole claim or writes nothing, so nothing is ever posted twice.
 */
import { sql, type Kysely } from "kysely";
import type { Delivery, NewDelivery } from "../core/ports.js";
import { unknownChannel } from "./channels.js";
import { chunks } from "./ingest.js";
import { deliveryFromRows } from "./rows.js";
import type { Database } from "./schema.js";
import { Rollback, rows, type TxBody, type TxRunner } from "./tx.js";

export class DeliveryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly runner: TxRunner,
    private readonly now: () => string,
  ) {}

  async claimDelivery(input: NewDelivery): Promise<Delivery | null> {
    const id = await this.runner.run(() => this.claimBody(input, this.now()));
    return id === null ? null : this.load(id);
  }

  private *claimBody(input: NewDelivery, now: string): TxBody<number | null> {
    const db = this.db;
    const channel = yield* rows(db.selectFrom("channels").select("id").where("id", "=", input.channelId).compile());
    if (channel.length === 0) throw unknownChannel(input.channelId);
    const paperIds = [...new Set(input.paperIds)];
    const inserted = yield* rows(
      db
        .insertInto("deliveries")
        .values({
          channel_id: input.channelId,
          slot: input.slot,
          state: input.state,
          digest_dates: JSON.stringify(input.digestDates),
          paper_ids: JSON.stringify(paperIds),
          error: null,
          created_at: now,
          updated_at: now,
          lease_owner: input.lease?.owner ?? null,
          lease_until: input.lease?.until ?? null,
        })
        .onConflict((oc) => oc.columns(["channel_id", "slot"]).doNothing())
        .returning("id")
        .compile(),
    );
    const id = inserted[0]?.id;
    if (id === undefined) return null;
    for (const chunk of chunks(paperIds, 1000)) {
      const reserved = yield* rows(
        db
          .insertInto("posted_papers")
          .values(chunk.map((paperId) => ({ channel_id: input.channelId, paper_id: paperId, delivery_id: id })))
          .onConflict((oc) => oc.columns(["channel_id", "paper_id"]).doNothing())
          .returning("paper_id")
          .compile(),
      );
      // Some paper already reached (or is reserved for) this channel: undo the whole claim.
      if (reserved.length < chunk.length) throw new Rollback(null);
    }
    const messages = input.messages.map((m, idx) => ({
      delivery_id: id,
      idx,
      body: JSON.stringify(m.body ?? null),
      reply_to: m.replyTo,
      state: "pending",
      ref: null,
    }));
    for (const chunk of chunks(messages, 500)) yield db.insertInto("delivery_messages").values(chunk).compile();
    yield db
      .updateTable("channels")
      .set({
        cursor: sql<number>`CASE WHEN cursor < ${input.cursorTo} THEN ${input.cursorTo} ELSE cursor END`,
        last_slot: input.slot,
      })
      .where("id", "=", input.channelId)
      .compile();
    return Number(id);
  }

  async unfinishedDeliveries(): Promise<Delivery[]> {
    const deliveries = await this.db.selectFrom("deliveries").selectAll().where("state", "=", "sending").orderBy("id").execute();
    return this.withMessages(deliveries);
  }

  /** Takes or renews the lease; false when another owner holds an unexpired one (or it is finished). */
  async leaseDelivery(deliveryId: number, owner: string, until: string): Promise<boolean> {
    const now = this.now();
    const result = await this.db
      .updateTable("deliveries")
      .set({ lease_owner: owner, lease_until: until })
      .where("id", "=", deliveryId)
      .where("state", "=", "sending")
      .where((eb) => eb.or([eb("lease_owner", "is", null), eb("lease_owner", "=", owner), eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markMessage(deliveryId: number, index: number, state: "sending" | "sent", ref: string | null): Promise<void> {
    const db = this.db;
    const now = this.now();
    await this.runner.run(function* (): TxBody<void> {
      yield db.updateTable("delivery_messages").set({ state, ref }).where("delivery_id", "=", deliveryId).where("idx", "=", index).compile();
      yield db.updateTable("deliveries").set({ updated_at: now }).where("id", "=", deliveryId).compile();
    });
  }

  async finishDelivery(deliveryId: number, state: "sent" | "failed", error: string | null): Promise<void> {
    await this.db
      .updateTable("deliveries")
      .set({ state, error, updated_at: this.now() })
      .where("id", "=", deliveryId)
      .execute();
  }

  async lastDelivery(channelId: string): Promise<Delivery | null> {
    const row = await this.db.selectFrom("deliveries").selectAll().where("channel_id", "=", channelId).orderBy("id", "desc").limit(1).executeTakeFirst();
    return row === undefined ? null : ((await this.withMessages([row]))[0] ?? null);
  }

  async postedPapers(channelId: string, paperIds: string[]): Promise<Set<string>> {
    const posted = new Set<string>();
    for (const chunk of chunks([...new Set(paperIds)], 1000)) {
      const found = await this.db
        .selectFrom("posted_papers")
        .select("paper_id")
        .where("channel_id", "=", channelId)
        .where("paper_id", "in", chunk)
        .execute();
      for (const row of found) posted.add(row.paper_id);
    }
    return posted;
  }

  private async load(id: number): Promise<Delivery | null> {
    const row = await this.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : ((await this.withMessages([row]))[0] ?? null);
  }

  private async withMessages(deliveries: Array<Parameters<typeof deliveryFromRows>[0]>): Promise<Delivery[]> {
    if (deliveries.length === 0) return [];
    const ids = deliveries.map((d) => Number(d.id));
    const messages = await this.db.selectFrom("delivery_messages").selectAll().where("delivery_id", "in", ids).execute();
    return deliveries.map((d) => deliveryFromRows(d, messages.filter((m) => Number(m.delivery_id) === Number(d.id))));
  }
}
