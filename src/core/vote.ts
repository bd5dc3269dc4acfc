/** A person's 👍/👎 on a paper in a channel: what a channel's relevance model learns from. */

export type VoteValue = "up" | "down";

export interface NewVote {
  channelId: string;
  paperId: string;
  userId: string;
  value: VoteValue;
}

export interface Vote {
  paperId: string;
  userId: string;
  value: VoteValue;
  /** When the vote was last cast or changed (ISO time). */
  at: string;
}

export interface VoteCounts {
  up: number;
  down: number;
}
