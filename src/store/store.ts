/** The Store port over Kysely: composes the repositories; the dialect decides transactions and search. */
import type { Kysely } from "kysely";
import type { Channel, ChannelRef, ChannelSettings, PlatformKind, TopicRecord } from "../core/channel.js";
import type { ArchivedPaper, Paper } from "../core/paper.js";
import type { Delivery, DigestInfo, IngestResult, Log, NewDelivery, SearchPlan, Store } from "../core/ports.js";
import type { NewVote, Vote, VoteCounts } from "../core/vote.js";
import { ArchiveReader } from "./archive.js";
import { ChannelRepository } from "./channels.js";
import { DeliveryRepository } from "./deliveries.js";
import { ingestBody, type IndexWriter } from "./ingest.js";
import { migrateToLatest } from "./migrations/provider.js";
import type { Database, Dialect } from "./schema.js";
import { searchPostgres, writePostgresIndex } from "./search-postgres.js";
import { searchSqlite, writeSqliteIndex } from "./search-sqlite.js";
import { StateRepository } from "./state.js";
import type { TxRunner } from "./tx.js";
import { VoteRepository } from "./votes.js";

export interface KyselyStoreParts {
  db: Kysely<Database>;
  dialect: Dialect;
  runner: TxRunner;
  logger?: Log | undefined;
  /** Timestamps for records (ingested_at, created_at…); the wall clock unless a test fixes it. */
  now?: (() => Date) | undefined;
}

export class KyselyStore implements Store {
  private readonly db: Kysely<Database>;
  private readonly dialect: Dialect;
  private readonly runner: TxRunner;
  private readonly logger: Log | undefined;
  private readonly now: () => string;
  private readonly archive: ArchiveReader;
  private readonly channels: ChannelRepository;
  private readonly deliveries: DeliveryRepository;
  private readonly state: StateRepository;
  private readonly votes: VoteRepository;
  private readonly writeIndex: IndexWriter;
  /** Index words this process has committed (search-vocab.ts): saves re-inserting them every ingest. */
  private readonly knownWords = new Set<string>();

  constructor(parts: KyselyStoreParts) {
    this.db = parts.db;
    this.dialect = parts.dialect;
    this.runner = parts.runner;
    this.logger = parts.logger;
    const clock = parts.now ?? (() => new Date());
    this.now = () => clock().toISOString();
    this.archive = new ArchiveReader(this.db);
    this.channels = new ChannelRepository(this.db, this.now);
    this.deliveries = new DeliveryRepository(this.db, this.runner, this.now);
    this.state = new StateRepository(this.db);
    this.votes = new VoteRepository(this.db, this.now);
    this.writeIndex = this.dialect === "sqlite" ? (papers) => writeSqliteIndex(papers, this.knownWords) : writePostgresIndex;
  }

  async migrate(): Promise<void> {
    const applied = await migrateToLatest(this.db, this.dialect);
    if (applied.length > 0) this.logger?.info({ applied, dialect: this.dialect }, "database migrated");
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  async ingestDigest(input: { date: string; hash: string; source: string; papers: Paper[] }): Promise<IngestResult> {
    const now = this.now();
    const { result, words } = await this.runner.run(() => ingestBody(this.db, input, now, this.writeIndex));
    // Bounded: past a million words the set costs more memory than the statements it saves.
    if (this.knownWords.size > 1_000_000) this.knownWords.clear();
    for (const word of words) this.knownWords.add(word);
    this.logger?.debug({ date: input.date, outcome: result.outcome, seq: result.digest.seq, newPapers: result.newPapers }, "digest ingested");
    return result;
  }

  getPaper(id: string): Promise<ArchivedPaper | null> {
    return this.archive.getPaper(id);
  }
  getPapers(ids: string[]): Promise<ArchivedPaper[]> {
    return this.archive.getPapers(ids);
  }
  latestDigest(): Promise<DigestInfo | null> {
    return this.archive.latestDigest();
  }
  digestByDate(date: string): Promise<DigestInfo | null> {
    return this.archive.digestByDate(date);
  }
  digestsAfter(seq: number): Promise<DigestInfo[]> {
    return this.archive.digestsAfter(seq);
  }
  listDigests(limit: number): Promise<DigestInfo[]> {
    return this.archive.listDigests(limit);
  }
  digestPapers(date: string): Promise<ArchivedPaper[]> {
    return this.archive.digestPapers(date);
  }
  countPapers(): Promise<number> {
    return this.archive.countPapers();
  }
  searchCandidates(plan: SearchPlan, limit: number): Promise<ArchivedPaper[]> {
    return this.dialect === "sqlite" ? searchSqlite(this.db, plan, limit) : searchPostgres(this.db, plan, limit);
  }

  ensureChannel(ref: ChannelRef, settings: ChannelSettings): Promise<Channel> {
    return this.channels.ensureChannel(ref, settings);
  }
  getChannel(id: string): Promise<Channel | null> {
    return this.channels.getChannel(id);
  }
  listChannels(filter?: { platform?: PlatformKind; workspace?: string }): Promise<Channel[]> {
    return this.channels.listChannels(filter);
  }
  updateSettings(id: string, patch: Partial<ChannelSettings>, pausedReason?: string | null): Promise<Channel> {
    return this.channels.updateSettings(id, patch, pausedReason);
  }
  deleteChannel(id: string): Promise<void> {
    return this.channels.deleteChannel(id);
  }
  addTopics(channelId: string, topics: string[]): Promise<TopicRecord[]> {
    return this.channels.addTopics(channelId, topics);
  }
  removeTopics(channelId: string, topicIds: number[]): Promise<number> {
    return this.channels.removeTopics(channelId, topicIds);
  }
  listTopics(channelId: string): Promise<TopicRecord[]> {
    return this.channels.listTopics(channelId);
  }
  allTopics(): Promise<TopicRecord[]> {
    return this.channels.allTopics();
  }

  claimDelivery(input: NewDelivery): Promise<Delivery | null> {
    return this.deliveries.claimDelivery(input);
  }
  leaseDelivery(deliveryId: number, owner: string, until: string): Promise<boolean> {
    return this.deliveries.leaseDelivery(deliveryId, owner, until);
  }
  unfinishedDeliveries(): Promise<Delivery[]> {
    return this.deliveries.unfinishedDeliveries();
  }
  markMessage(deliveryId: number, index: number, state: "sending" | "sent", ref: string | null): Promise<void> {
    return this.deliveries.markMessage(deliveryId, index, state, ref);
  }
  finishDelivery(deliveryId: number, state: "sent" | "failed", error: string | null): Promise<void> {
    return this.deliveries.finishDelivery(deliveryId, state, error);
  }
  lastDelivery(channelId: string): Promise<Delivery | null> {
    return this.deliveries.lastDelivery(channelId);
  }
  postedPapers(channelId: string, paperIds: string[]): Promise<Set<string>> {
    return this.deliveries.postedPapers(channelId, paperIds);
  }

  recordVote(vote: NewVote): Promise<VoteCounts> {
    return this.votes.recordVote(vote);
  }
  channelVotes(channelId: string): Promise<Vote[]> {
    return this.votes.channelVotes(channelId);
  }
  voteCounts(channelId: string): Promise<VoteCounts> {
    return this.votes.voteCounts(channelId);
  }

  getState(key: string): Promise<string | null> {
    return this.state.getState(key);
  }
  setState(key: string, value: string | null): Promise<void> {
    return this.state.setState(key, value);
  }
  listState(prefix: string): Promise<Array<{ key: string; value: string }>> {
    return this.state.listState(prefix);
  }
}
