/**
 * "Previous" / "Next 10" buttons for a paged command reply (the digest preview), shared by the Slack and
 * Discord renderers and their press handlers. A button's id names the page it opens
 * (`pager:digest:2026-01-06:2`); a press is mapped back to the command `digest 2026-01-06 page 2` and runs
 * through the one command handler, with the presser's context.
 *
 * The id is read from a payload anyone can forge, so it is parsed strictly: anything else is refused.
 */
import type { Command } from "../core/ports.js";
import type { Pager } from "../core/post.js";

export interface PagerButton {
  label: string;
  /** Slack button value / Discord custom_id; at most PAGER_ID_MAX characters. */
  id: string;
  page: number;
}

/** Discord's custom_id limit (100) is the tighter of the two platforms' (Slack's value: 2000). */
export const PAGER_ID_MAX = 100;

const ID = /^pager:digest:(\d{4}-\d{2}-\d{2}):([1-9]\d{0,3})$/;

/** The buttons for a pager: Previous (unless on page 1) and Next (unless on the last page). */
export function pagerButtons(pager: Pager): PagerButton[] {
  // The preview command always names its date ("/papers digest 2026-01-06"); without one, no buttons.
  const date = /\sdigest\s+(\d{4}-\d{2}-\d{2})$/.exec(pager.command)?.[1];
  if (date === undefined) return [];
  const button = (label: string, page: number): PagerButton => ({ label, id: `pager:digest:${date}:${page}`, page });
  const buttons: PagerButton[] = [];
  if (pager.page > 1) buttons.push(button("Previous", pager.page - 1));
  if (pager.page < pager.pages) buttons.push(button(`Next ${pager.size}`, pager.page + 1));
  return buttons;
}

/** The command a pressed button stands for; null for an id paperboy did not make. */
export function pagerCommand(id: unknown): Command | null {
  if (typeof id !== "string" || id.length > PAGER_ID_MAX) return null;
  const match = ID.exec(id);
  return match ? { name: "digest", args: `${match[1]} page ${match[2]}` } : null;
}

/** What a forged or stale button press is answered with. */
export const PAGER_REFUSAL = "paperboy did not recognise that button. Run the command again for fresh buttons.";
