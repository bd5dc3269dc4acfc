/** Channels and their topics. Each write is one statement, so no read-modify-write race is possible. */
import type { Kysely } from "kysely";
import { formatChannelId, type Channel, type ChannelRef, type ChannelSettings, type PlatformKind, type TopicRecord } from "../core/channel.js";
import { PaperboyError } from "../core/errors.js";
import { channelFromRow, settingsToColumns, topicFromRow } from "./rows.js";
import type { Database } from "./schema.js";

export class ChannelRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  async ensureChannel(ref: ChannelRef, settings: ChannelSettings): Promise<Channel> {
    const id = formatChannelId(ref);
    await this.db
      .insertInto("channels")
      .values({
        id,
        platform: ref.platform,
        workspace: ref.workspace,
        channel: ref.channel,
        time: settings.time,
        timezone: settings.timezone,
        days: settings.days,
        mode: settings.mode,
        max_papers: settings.maxPapers,
        format: settings.format,
        on_empty: settings.onEmpty,
        language: settings.language,
        match_mode: settings.match,
        learn: settings.learn,
        paused: settings.paused ? 1 : 0,
        paused_reason: null,
        cursor: 0,
        last_slot: null,
        created_at: this.now(),
      })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    return this.require(id);
  }

  async getChannel(id: string): Promise<Channel | null> {
    const row = await this.db.selectFrom("channels").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : channelFromRow(row);
  }

  async listChannels(filter: { platform?: PlatformKind; workspace?: string } = {}): Promise<Channel[]> {
    let query = this.db.selectFrom("channels").selectAll().orderBy("id");
    if (filter.platform !== undefined) query = query.where("platform", "=", filter.platform);
    if (filter.workspace !== undefined) query = query.where("workspace", "=", filter.workspace);
    return (await query.execute()).map(channelFromRow);
  }

  /** `pausedReason`: undefined leaves it, null clears it. */
  async updateSettings(id: string, patch: Partial<ChannelSettings>, pausedReason?: string | null): Promise<Channel> {
    const columns = settingsToColumns(patch);
    if (pausedReason !== undefined) columns.paused_reason = pausedReason;
    if (Object.keys(columns).length > 0) {
      const updated = await this.db.updateTable("channels").set(columns).where("id", "=", id).returning("id").execute();
      if (updated.length === 0) throw unknownChannel(id);
    }
    return this.require(id);
  }

  async deleteChannel(id: string): Promise<void> {
    // Topics, deliveries, their messages and the posted-paper ledger go with it (ON DELETE CASCADE).
    await this.db.deleteFrom("channels").where("id", "=", id).execute();
  }

  async addTopics(channelId: string, topics: string[]): Promise<TopicRecord[]> {
    const unique = [...new Set(topics)];
    if (unique.length > 0) {
      await this.require(channelId);
      const createdAt = this.now();
      await this.db
        .insertInto("topics")
        .values(unique.map((text) => ({ channel_id: channelId, text, created_at: createdAt })))
        .onConflict((oc) => oc.columns(["channel_id", "text"]).doNothing())
        .execute();
    }
    return this.listTopics(channelId);
  }

  async removeTopics(channelId: string, topicIds: number[]): Promise<number> {
    if (topicIds.length === 0) return 0;
    const removed = await this.db
      .deleteFrom("topics")
      .where("channel_id", "=", channelId)
      .where("id", "in", topicIds)
      .returning("id")
      .execute();
    return removed.length;
  }

  async listTopics(channelId: string): Promise<TopicRecord[]> {
    const rows = await this.db.selectFrom("topics").selectAll().where("channel_id", "=", channelId).orderBy("id").execute();
    return rows.map(topicFromRow);
  }

  async allTopics(): Promise<TopicRecord[]> {
    return (await this.db.selectFrom("topics").selectAll().orderBy("id").execute()).map(topicFromRow);
  }

  private async require(id: string): Promise<Channel> {
    const channel = await this.getChannel(id);
    if (channel === null) throw unknownChannel(id);
    return channel;
  }
}

export function unknownChannel(id: string): PaperboyError {
  return new PaperboyError("store.unknown_channel", `no channel ${id}`, { channel: id });
}
