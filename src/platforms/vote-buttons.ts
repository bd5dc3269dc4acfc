/**
 * "👍 relevant" / "👎 not for us" buttons under every card of a digest post, shared by the Slack and Discord
 * renderers and their press handlers. A button's id names the paper and the vote (`vote:2512.09277:up`); a
 * press is mapped back to the command `vote 2512.09277 up` and runs through the one command handler with
 * the presser's context, so a press and a typed `/papers vote` are the same thing.
 *
 * The id is read from a payload anyone can forge, so it is parsed strictly: anything else is refused.
 */
import type { Command } from "../core/ports.js";
import type { VoteValue } from "../core/vote.js";
import { splitText } from "./split.js";

/** Discord's custom_id limit (100) is the tighter of the two platforms' (Slack's value: 2000). */
export const VOTE_ID_MAX = 100;

/** Discord's button label limit. */
export const VOTE_LABEL_MAX = 80;

/** What the buttons say where each card has its own row of buttons (Slack). */
export const VOTE_TEXT: Record<VoteValue, string> = { up: "👍 relevant", down: "👎 not for us" };

const EMOJI: Record<VoteValue, string> = { up: "👍", down: "👎" };

/** The paper ids the archive holds: modern (2512.09277) and old-style (math/0601001, math.AG/0601001). */
const PAPER_ID = String.raw`\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7}`;
const ID = new RegExp(`^vote:(${PAPER_ID}):(up|down)$`);

/** The button id for a vote on a paper; null for an id no button can carry (never for archive ids). */
export function voteButtonId(paperId: string, value: VoteValue): string | null {
  const id = `vote:${paperId}:${value}`;
  return id.length <= VOTE_ID_MAX && ID.test(id) ? id : null;
}

/** The command a pressed button stands for; null for an id paperboy did not make. */
export function voteCommand(id: unknown): Command | null {
  if (typeof id !== "string" || id.length > VOTE_ID_MAX) return null;
  const match = ID.exec(id);
  return match ? { name: "vote", args: `${match[1]} ${match[2]}` } : null;
}

/** Whether an id looks like one of ours (so a press is routed here, even when it is then refused). */
export const isVoteId = (id: unknown): boolean => typeof id === "string" && id.startsWith("vote:");

/**
 * A label that says which card a button rates, for platforms where buttons sit under the whole message
 * (Discord): "👍 2 · Tarragon: fault-tolerant…". `number` is the card's place in the post (1-based).
 */
export function voteLabel(value: VoteValue, number: number, title: string, max = VOTE_LABEL_MAX): string {
  const head = `${EMOJI[value]} ${number} · `;
  const words = title.replace(/\s+/g, " ").trim();
  // A few words are enough to tell the cards apart; the whole title is on the card itself.
  const room = Math.min(TITLE_WORDS_MAX, max - head.length);
  if (words.length <= room) return words === "" ? head.trimEnd().replace(/ ·$/, "") : `${head}${words}`;
  const cut = splitText(words, room - 1)[0] ?? "";
  // splitText cuts at a word boundary when it can; a lone long word is cut inside (still within the room).
  return `${head}${cut.replace(/[\s,.;:–—-]+$/, "")}…`;
}

/** Characters of the title a label shows: enough for a few words, short enough to read in a row. */
const TITLE_WORDS_MAX = 32;

/** What a forged or stale vote button press is answered with. */
export const VOTE_REFUSAL = "paperboy did not recognise that vote button. Use the `vote` command with the paper's arXiv id instead.";
