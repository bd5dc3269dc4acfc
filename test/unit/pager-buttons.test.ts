import { describe, expect, it } from "vitest";
import type { Card, Pager, Post } from "../../src/core/post.js";
import { renderDiscordPost, type DiscordMessageBody } from "../../src/platforms/discord/render.js";
import { PAGER_ID_MAX, pagerButtons, pagerCommand } from "../../src/platforms/pager-buttons.js";
import { renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { validateMessage as validateDiscord } from "../e2e/fakes/discord-validate.js";
import { blockButtons, validateMessage as validateSlack } from "../e2e/fakes/slack-validate.js";

const DATE = "2026-01-06";

function card(i: number): Card {
  const id = `2601.${String(i).padStart(5, "0")}`;
  return { paperId: id, title: `Paper ${i}`, url: `https://arxiv.org/abs/${id}`, authors: "Ada Lovelace", category: "cs.CL", summary: [{ kind: "text", text: `Finding ${i}.` }], summarySource: "tldr", matched: ["kv cache"], details: null, extra: [] };
}

function preview(pager: Pager | undefined, ephemeral = true): Post {
  return {
    header: { title: `arXiv digest · ${DATE}: 25 papers`, date: DATE, count: 25, topics: ["kv cache"] },
    intro: [[{ kind: "text", text: "Preview: 25 papers." }]],
    cards: Array.from({ length: 10 }, (_, i) => card(i)),
    notes: [],
    overflow: null,
    ...(pager ? { pager } : {}),
    format: "compact",
    ephemeral,
  };
}

const pager = (page: number, pages = 3): Pager => ({ page, pages, size: 10, command: `/papers digest ${DATE}` });

const slackButtons = (post: Post) => renderSlackPost(post).flatMap((message) => blockButtons((message.body as SlackMessageBody).blocks));
const discordButtons = (post: Post) =>
  renderDiscordPost(post).flatMap((message) => ((message.body as DiscordMessageBody).components ?? []).flatMap((row) => row.components.map((button) => ({ label: button.label, id: button.custom_id }))));

describe("pager buttons", () => {
  it("offers Previous unless on the first page and Next unless on the last", () => {
    expect(pagerButtons(pager(1)).map((button) => [button.label, button.id])).toEqual([["Next 10", `pager:digest:${DATE}:2`]]);
    expect(pagerButtons(pager(2)).map((button) => button.page)).toEqual([1, 3]);
    expect(pagerButtons(pager(3)).map((button) => button.label)).toEqual(["Previous"]);
    // A command without a date cannot be paged by id: no buttons (the text line still says how).
    expect(pagerButtons({ ...pager(1), command: "/papers digest" })).toEqual([]);
  });

  it("maps its own ids back to the digest command, and nothing else", () => {
    for (const button of pagerButtons(pager(2))) expect(pagerCommand(button.id)).toEqual({ name: "digest", args: `${DATE} page ${button.page}` });
    for (const forged of ["pager:digest:2026-01-06:0", "pager:digest:2026-01-06:2 ", "pager:digest:2026-1-06:2", "pager:digest:2026-01-06:12345", "pager:subscribe:x:1", "", null, 42, `pager:digest:${DATE}:2`.padEnd(PAGER_ID_MAX + 1, "0")]) {
      expect(pagerCommand(forged)).toBeNull();
    }
  });

  it("renders buttons on Slack only for command replies with a pager, within Slack's limits", () => {
    expect(slackButtons(preview(undefined))).toEqual([]);
    expect(slackButtons(preview(pager(2), false))).toEqual([]);
    const buttons = slackButtons(preview(pager(2)));
    expect(buttons.map((button) => [button.text, button.value])).toEqual([
      ["Previous", `pager:digest:${DATE}:1`],
      ["Next 10", `pager:digest:${DATE}:3`],
    ]);
    for (const button of buttons) {
      expect(button.action_id.length).toBeLessThanOrEqual(255);
      expect(button.value.length).toBeLessThanOrEqual(PAGER_ID_MAX);
    }
    for (const message of renderSlackPost(preview(pager(2)))) expect(validateSlack(message.body as unknown as Record<string, unknown>)).toBeNull();
    // The text line stays for screen readers and the console.
    expect(JSON.stringify(renderSlackPost(preview(pager(2))))).toContain("page 2 of 3");
  });

  it("renders buttons on Discord only for command replies with a pager, on the first message, within Discord's limits", () => {
    expect(discordButtons(preview(undefined))).toEqual([]);
    expect(discordButtons(preview(pager(2), false))).toEqual([]);
    expect(discordButtons(preview(pager(2)))).toEqual([
      { label: "Previous", id: `pager:digest:${DATE}:1` },
      { label: "Next 10", id: `pager:digest:${DATE}:3` },
    ]);
    const messages = renderDiscordPost(preview(pager(2)));
    // Ten compact cards and the pager line fit one message: a press replaces the whole page.
    expect(messages).toHaveLength(1);
    const body = messages[0]!.body as DiscordMessageBody;
    expect(body.content).toContain("page 2 of 3");
    expect(validateDiscord(body, true)).toEqual([]);
  });
});
