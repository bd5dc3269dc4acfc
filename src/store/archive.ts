/** Reads of the archive: papers and digests. */
import { sql, type Kysely } from "kysely";
import type { ArchivedPaper } from "../core/paper.js";
import type { DigestInfo } from "../core/ports.js";
import { chunks } from "./ingest.js";
import { digestFromRow, paperFromRow } from "./rows.js";
import type { Database } from "./schema.js";

export class ArchiveReader {
  constructor(private readonly db: Kysely<Database>) {}

  async getPaper(id: string): Promise<ArchivedPaper | null> {
    const row = await this.db.selectFrom("papers").selectAll().where("id", "=", id).executeTakeFirst();
    return row === undefined ? null : paperFromRow(row);
  }

  /** In the order asked; unknown ids are left out. */
  async getPapers(ids: string[]): Promise<ArchivedPaper[]> {
    const byId = new Map<string, ArchivedPaper>();
    for (const chunk of chunks([...new Set(ids)], 500)) {
      for (const row of await this.db.selectFrom("papers").selectAll().where("id", "in", chunk).execute()) byId.set(row.id, paperFromRow(row));
    }
    return ids.flatMap((id) => {
      const paper = byId.get(id);
      return paper === undefined ? [] : [paper];
    });
  }

  async latestDigest(): Promise<DigestInfo | null> {
    const row = await this.db.selectFrom("digests").selectAll().orderBy("seq", "desc").limit(1).executeTakeFirst();
    return row === undefined ? null : digestFromRow(row);
  }

  async digestByDate(date: string): Promise<DigestInfo | null> {
    const row = await this.db.selectFrom("digests").selectAll().where("date", "=", date).executeTakeFirst();
    return row === undefined ? null : digestFromRow(row);
  }

  async digestsAfter(seq: number): Promise<DigestInfo[]> {
    const rows = await this.db.selectFrom("digests").selectAll().where("seq", ">", seq).orderBy("seq").execute();
    return rows.map(digestFromRow);
  }

  /** Newest dates first. */
  async listDigests(limit: number): Promise<DigestInfo[]> {
    const rows = await this.db.selectFrom("digests").selectAll().orderBy("date", "desc").limit(Math.max(0, limit)).execute();
    return rows.map(digestFromRow);
  }

  async digestPapers(date: string): Promise<ArchivedPaper[]> {
    const rows = await this.db
      .selectFrom("digest_papers")
      .innerJoin("papers", "papers.id", "digest_papers.paper_id")
      .selectAll("papers")
      .where("digest_papers.date", "=", date)
      .orderBy("digest_papers.position")
      .execute();
    return rows.map(paperFromRow);
  }

  async countPapers(): Promise<number> {
    const row = await this.db.selectFrom("papers").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
