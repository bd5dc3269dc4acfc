/** Votes of a channel's members on papers: an upsert per (channel, paper, user), and the channel's totals. */
import type { Kysely } from "kysely";
import { PaperboyError } from "../core/errors.js";
import type { NewVote, Vote, VoteCounts, VoteValue } from "../core/vote.js";
import { unknownChannel } from "./channels.js";
import type { Database } from "./schema.js";

const VALUES: ReadonlySet<string> = new Set<VoteValue>(["up", "down"]);

export class VoteRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  async recordVote(vote: NewVote): Promise<VoteCounts> {
    if (!VALUES.has(vote.value)) throw new PaperboyError("store.bad_vote", `a vote is up or down, not '${String(vote.value)}'`, { value: vote.value });
    const channel = await this.db.selectFrom("channels").select("id").where("id", "=", vote.channelId).executeTakeFirst();
    if (channel === undefined) throw unknownChannel(vote.channelId);
    const at = this.now();
    await this.db
      .insertInto("votes")
      .values({ channel_id: vote.channelId, paper_id: vote.paperId, user_id: vote.userId, value: vote.value, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(["channel_id", "paper_id", "user_id"]).doUpdateSet({ value: vote.value, updated_at: at }))
      .execute();
    return this.voteCounts(vote.channelId);
  }

  async channelVotes(channelId: string): Promise<Vote[]> {
    const rows = await this.db
      .selectFrom("votes")
      .select(["paper_id", "user_id", "value", "updated_at"])
      .where("channel_id", "=", channelId)
      .orderBy("updated_at")
      .orderBy("paper_id")
      .orderBy("user_id")
      .execute();
    return rows.map((row) => ({ paperId: row.paper_id, userId: row.user_id, value: row.value as VoteValue, at: row.updated_at }));
  }

  async voteCounts(channelId: string): Promise<VoteCounts> {
    const rows = await this.db
      .selectFrom("votes")
      .select((eb) => ["value", eb.fn.countAll().as("count")])
      .where("channel_id", "=", channelId)
      .groupBy("value")
      .execute();
    const counts: VoteCounts = { up: 0, down: 0 };
    // Postgres returns count(*) as a string (bigint).
    for (const row of rows) if (row.value === "up" || row.value === "down") counts[row.value] = Number(row.count);
    return counts;
  }
}
