import { describe, expect, it } from "vitest";
import type { Card, Pager, Post } from "../../src/core/post.js";
import { renderDiscordPost, type DiscordMessageBody } from "../../src/platforms/discord/render.js";
import { renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { VOTE_ID_MAX, VOTE_LABEL_MAX, voteButtonId, voteCommand, voteLabel } from "../../src/platforms/vote-buttons.js";
import { validateMessage as validateDiscord } from "../e2e/fakes/discord-validate.js";
import { blockButtons, validateMessage as validateSlack } from "../e2e/fakes/slack-validate.js";

const DATE = "2026-01-06";

function card(i: number, title = `Tarragon ${i}: fault-tolerant speculative decoding for long contexts`): Card {
  const id = `2601.${String(i).padStart(5, "0")}`;
  return { paperId: id, title, url: `https://arxiv.org/abs/${id}`, authors: "Ada Lovelace", category: "cs.CL", summary: [{ kind: "text", text: `Finding ${i}.` }], summarySource: "tldr", matched: ["kv cache"], details: null, extra: [] };
}

function digest(cards: number, options: { pager?: Pager; ephemeral?: boolean; voteButtons?: boolean; format?: "compact" | "full" } = {}): Post {
  return {
    header: { title: `arXiv digest · ${DATE}: ${cards} papers`, date: DATE, count: cards, topics: ["kv cache"] },
    intro: [],
    cards: Array.from({ length: cards }, (_, i) => card(i + 1)),
    notes: [],
    overflow: null,
    ...(options.pager ? { pager: options.pager } : {}),
    format: options.format ?? "compact",
    ephemeral: options.ephemeral ?? false,
    voteButtons: options.voteButtons ?? true,
  };
}

type Button = { label: string; custom_id: string };
const discordBodies = (post: Post) => renderDiscordPost(post).map((message) => message.body as DiscordMessageBody);
const rowsOf = (body: DiscordMessageBody): Button[][] => (body.components ?? []).map((row) => row.components.map((button) => ({ label: button.label ?? "", custom_id: button.custom_id })));
const slackBodies = (post: Post) => renderSlackPost(post).map((message) => message.body as SlackMessageBody);

describe("vote button ids", () => {
  it("encode a paper and a vote, and map back to the vote command", () => {
    expect(voteButtonId("2512.09277", "up")).toBe("vote:2512.09277:up");
    expect(voteCommand("vote:2512.09277:up")).toEqual({ name: "vote", args: "2512.09277 up" });
    expect(voteCommand(voteButtonId("math/0601001", "down"))).toEqual({ name: "vote", args: "math/0601001 down" });
    expect(voteCommand(voteButtonId("math.AG/0601001", "up"))).toEqual({ name: "vote", args: "math.AG/0601001 up" });
  });

  it("refuse anything paperboy did not make", () => {
    const forged = ["vote:2512.09277:sideways", "vote:2512.09277:up ", " vote:2512.09277:up", "vote:2512.09277", "vote:2512.09277:up:up", "vote:all:up", "vote:2512.09277; drop:up", "vote:../../x:up", "pager:digest:2026-01-06:2", "", null, 42, `vote:2512.09277:up`.padEnd(VOTE_ID_MAX + 1, "p")];
    for (const id of forged) expect(voteCommand(id), String(id)).toBeNull();
    expect(voteButtonId("not an id", "up")).toBeNull();
  });

  it("label a button with the card's number and a few words of its title, within 80 characters", () => {
    expect(voteLabel("up", 1, "Tarragon: fault-tolerant speculative decoding for long contexts")).toBe("👍 1 · Tarragon: fault-tolerant…");
    expect(voteLabel("down", 12, "Short title")).toBe("👎 12 · Short title");
    expect(voteLabel("up", 3, "   ")).toBe("👍 3");
    const long = voteLabel("down", 999, "x".repeat(500), 40);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long.startsWith("👎 999 · x")).toBe(true);
    for (const title of ["a".repeat(300), "word ".repeat(100), "超长的标题".repeat(50)]) expect(voteLabel("up", 10, title).length).toBeLessThanOrEqual(VOTE_LABEL_MAX);
  });
});

describe("Slack vote buttons", () => {
  it("put 👍 relevant / 👎 not for us under every card of a digest post, with ids unique per message", () => {
    const bodies = slackBodies(digest(7));
    const buttons = bodies.flatMap((body) => blockButtons(body.blocks));
    expect(buttons).toHaveLength(14);
    expect(buttons.slice(0, 2).map((button) => [button.text, button.value])).toEqual([
      ["👍 relevant", "vote:2601.00001:up"],
      ["👎 not for us", "vote:2601.00001:down"],
    ]);
    for (const body of bodies) {
      expect(validateSlack(body as unknown as Record<string, unknown>)).toBeNull();
      const ids = blockButtons(body.blocks).map((button) => button.action_id);
      expect(new Set(ids).size).toBe(ids.length);
      const blockIds = body.blocks.flatMap((block) => ("block_id" in block && block.block_id ? [block.block_id] : []));
      expect(new Set(blockIds).size).toBe(blockIds.length);
    }
    // Each card's buttons follow its own section: the card's title comes right before them.
    const blocks = bodies[0]!.blocks;
    const firstActions = blocks.findIndex((block) => block.type === "actions");
    expect(JSON.stringify(blocks.slice(0, firstActions))).toContain("Tarragon 1");
    expect(JSON.stringify(blocks.slice(0, firstActions))).not.toContain("Tarragon 2");
  });

  it("add no buttons to posts that are not digests (search results, a paper card)", () => {
    expect(slackBodies(digest(3, { voteButtons: false })).flatMap((body) => blockButtons(body.blocks))).toEqual([]);
  });

  it("split a long digest by block count, every card keeping its buttons in its own message", () => {
    const bodies = slackBodies(digest(30));
    expect(bodies.length).toBeGreaterThan(1);
    for (const body of bodies) {
      expect(body.blocks.length).toBeLessThanOrEqual(50);
      expect(validateSlack(body as unknown as Record<string, unknown>)).toBeNull();
      // Every card title in this message has its two buttons in this message.
      const titles = [...JSON.stringify(body.blocks).matchAll(/Tarragon (\d+):/g)].map((match) => match[1]);
      const voted = blockButtons(body.blocks).filter((button) => button.value.endsWith(":up")).map((button) => String(Number(button.value.slice(10, 15))));
      expect(voted).toEqual(titles);
    }
    expect(bodies.flatMap((body) => blockButtons(body.blocks))).toHaveLength(60);
  });

  it("keep a full-format card's buttons in the channel message, not in its details thread", () => {
    const full = digest(3, { format: "full" });
    full.cards = full.cards.map((c) => ({ ...c, details: { motivation: "Why.", method: "How.", result: "What.", conclusion: "So." } }));
    const messages = renderSlackPost(full);
    const buttonsBy = (thread: boolean) => messages.filter((m) => (m.replyTo !== null) === thread).flatMap((m) => blockButtons((m.body as SlackMessageBody).blocks));
    expect(messages.some((m) => m.replyTo !== null)).toBe(true);
    expect(buttonsBy(false)).toHaveLength(6);
    expect(buttonsBy(true)).toEqual([]);
  });

  it("keep the pager buttons on a preview page alongside the cards' buttons", () => {
    const bodies = slackBodies(digest(10, { ephemeral: true, pager: { page: 1, pages: 3, size: 10, command: `/papers digest ${DATE}` } }));
    const buttons = bodies.flatMap((body) => blockButtons(body.blocks));
    expect(buttons.filter((button) => button.value.startsWith("vote:"))).toHaveLength(20);
    expect(buttons.filter((button) => button.value.startsWith("pager:")).map((button) => button.text)).toEqual(["Next 10"]);
  });
});

describe("Discord vote buttons", () => {
  it("give each card a row of 👍 / 👎 labelled with its number and title", () => {
    const [body, ...rest] = discordBodies(digest(3));
    expect(rest).toEqual([]);
    expect(rowsOf(body!)).toEqual([1, 2, 3].map((n) => [
      { label: `👍 ${n} · Tarragon ${n}: fault-tolerant…`, custom_id: `vote:2601.0000${n}:up` },
      { label: `👎 ${n} · Tarragon ${n}: fault-tolerant…`, custom_id: `vote:2601.0000${n}:down` },
    ]));
    expect(validateDiscord(body, true)).toEqual([]);
    // The number in a label is the one in the card's footer.
    expect(body!.embeds!.map((embed) => embed.footer?.text)).toEqual([1, 2, 3].map((n) => `#${n} · arXiv:2601.0000${n} · ${DATE}`));
  });

  it("add no buttons (and no card numbers) to posts that are not digests", () => {
    const bodies = discordBodies(digest(3, { voteButtons: false }));
    expect(bodies.flatMap((body) => body.components ?? [])).toEqual([]);
    expect(bodies.flatMap((body) => body.embeds ?? []).map((embed) => embed.footer?.text)).toEqual([1, 2, 3].map((n) => `arXiv:2601.0000${n} · ${DATE}`));
  });

  it("split a post whose cards need more than 5 rows across messages: every card keeps its two buttons, nothing is cut", () => {
    for (const count of [6, 10, 23]) {
      const bodies = discordBodies(digest(count));
      expect(bodies.length).toBe(Math.ceil(count / 5));
      const titles = bodies.flatMap((body) => (body.embeds ?? []).map((embed) => embed.title ?? ""));
      expect(titles).toEqual(Array.from({ length: count }, (_, i) => `Tarragon ${i + 1}: fault-tolerant speculative decoding for long contexts`));
      for (const body of bodies) {
        expect(validateDiscord(body, true)).toEqual([]);
        expect((body.components ?? []).length).toBeLessThanOrEqual(5);
        // The rows on a message rate exactly the cards shown in it, in order.
        const rated = rowsOf(body).map((row) => row.map((button) => button.custom_id.replace(/:(up|down)$/, "")));
        expect(rated).toEqual((body.embeds ?? []).map((embed) => [`vote:${embed.url!.split("/").pop()}`, `vote:${embed.url!.split("/").pop()}`]));
      }
      expect(bodies.flatMap((body) => rowsOf(body)).flat()).toHaveLength(count * 2);
    }
  });

  it("keep the pager row on the last message of a preview page, within 5 rows", () => {
    const pager: Pager = { page: 2, pages: 3, size: 10, command: `/papers digest ${DATE}` };
    const bodies = discordBodies(digest(10, { ephemeral: true, pager }));
    for (const body of bodies) expect(validateDiscord(body, true)).toEqual([]);
    const last = bodies[bodies.length - 1]!;
    expect(rowsOf(last).at(-1)!.map((button) => button.label)).toEqual(["Previous", "Next 10"]);
    expect(JSON.stringify(last.embeds)).toContain("page 2 of 3");
    expect(bodies.flatMap((body) => rowsOf(body)).flat().filter((button) => button.custom_id.startsWith("vote:"))).toHaveLength(20);
  });

  it("keep a card's row with its first embed when a full-format card spans several embeds", () => {
    const long = digest(4, { format: "full" });
    long.cards = long.cards.map((c) => ({ ...c, details: { motivation: "m ".repeat(1500), method: "d ".repeat(1500), result: "r ".repeat(1500), conclusion: "c ".repeat(1500) } }));
    const bodies = discordBodies(long);
    for (const body of bodies) expect(validateDiscord(body, true)).toEqual([]);
    for (const body of bodies) {
      const firstEmbeds = (body.embeds ?? []).filter((embed) => embed.title !== undefined).map((embed) => `vote:${embed.url!.split("/").pop()}:up`);
      expect(rowsOf(body).map((row) => row[0]!.custom_id)).toEqual(firstEmbeds);
    }
    expect(bodies.flatMap((body) => rowsOf(body))).toHaveLength(4);
  });
});
