/** A post split over several messages says so on each continuation, and Slack fallbacks carry the content. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeDigestPost } from "../../src/core/compose.js";
import { parseDigest } from "../../src/core/digest/parse.js";
import { plain, type Post } from "../../src/core/post.js";
import { createTopicTools } from "../../src/core/topic-tools.js";
import { renderDiscordPost, type DiscordMessageBody } from "../../src/platforms/discord/render.js";
import { SLACK_LIMITS } from "../../src/platforms/slack/limits.js";
import { renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { blockTexts, validateMessage } from "../e2e/fakes/slack-validate.js";

/** Every paper of the 2026-01-06 seed (162, each in a cs category), in one post of at most 500. */
function bigPost(format: "compact" | "full"): Post {
  const file = "2026-01-06.md";
  const digest = parseDigest(readFileSync(new URL(`../../seeds/${file}`, import.meta.url), "utf8"), file);
  const papers = digest.papers.map((paper) => ({ ...paper, firstSeen: "2026-01-06", lastSeen: "2026-01-06" }));
  const matches = createTopicTools().matchTopics([{ id: 1, channelId: "console:all", text: "cat:cs.*", createdAt: "2026-01-06" }], papers);
  return composeDigestPost({ dates: ["2026-01-06"], topics: ["cat:cs.*"], matches, settings: { maxPapers: 500, format, language: "both" } });
}

const slackBodies = (post: Post) => renderSlackPost(post).filter((message) => message.replyTo === null).map((message) => message.body as SlackMessageBody);

describe("split posts", () => {
  it("Slack: every message after the first opens with 'continued · k/N', the first does not", () => {
    const post = bigPost("compact");
    expect(post.cards.length).toBeGreaterThan(150);
    const bodies = slackBodies(post);
    expect(bodies.length).toBeGreaterThan(3);
    bodies.forEach((body, index) => {
      const first = body.blocks[0]!;
      if (index === 0) {
        expect(first.type).toBe("header");
        expect(JSON.stringify(body)).not.toContain("continued ·");
        return;
      }
      expect(first.type).toBe("context");
      expect(blockTexts([first])[0]).toBe(`continued · ${index + 1}/${bodies.length} · ${post.header.title}`);
      expect(body.text.split("\n")[0]).toBe(`${post.header.title} (continued · ${index + 1}/${bodies.length})`);
      expect(validateMessage(body as unknown as Record<string, unknown>)).toBeNull();
    });
  });

  it("Slack: each message's fallback text carries its cards' titles and summaries, within 4,000 characters", () => {
    const post = bigPost("compact");
    const bodies = slackBodies(post);
    let seen = 0;
    for (const body of bodies) {
      expect(body.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
      const sections = body.blocks.flatMap((block) => (block.type === "section" ? [block.text.text] : []));
      for (const card of post.cards) {
        if (!sections.some((text) => text.includes(`|${card.title.replace(/\s+/g, " ").trim().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}>`))) continue;
        seen += 1;
        expect(body.text).toContain(card.title.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").slice(0, 20));
        // The start of the summary is there too (fair shares may cut its end).
        expect(body.text).toContain(plain(card.summary).slice(0, 10));
      }
    }
    expect(seen).toBe(post.cards.length);
  });

  it("Slack: a full-format thread reply's fallback carries the details, not just the heading", () => {
    const post = bigPost("full");
    const replies = renderSlackPost(post).filter((message) => message.replyTo !== null);
    expect(replies.length).toBeGreaterThan(0);
    const body = replies[0]!.body as SlackMessageBody;
    const card = post.cards[0]!;
    expect(body.text).toContain("Details: ");
    expect(body.text).toContain(`Motivation: ${card.details!.motivation!.slice(0, 10)}`);
  });

  it("Slack: the header's context line does not repeat the date and count the header shows", () => {
    const [body] = slackBodies(bigPost("compact"));
    const context = blockTexts([body!.blocks[1]!]);
    expect(body!.blocks[0]!.type).toBe("header");
    expect(context.join(" ")).not.toContain("2026-01-06");
    expect(context.join(" ")).not.toMatch(/\d+ papers/);
    expect(context.join(" ")).toContain("topics: `cat:cs.*`");
  });

  it("Discord: every message after the first starts with a 'continued · k/N' subtext line", () => {
    const post = bigPost("compact");
    const bodies = renderDiscordPost(post).map((message) => message.body as DiscordMessageBody);
    expect(bodies.length).toBeGreaterThan(3);
    expect(bodies[0]!.content!.startsWith("-# continued")).toBe(false);
    bodies.slice(1).forEach((body, index) => {
      expect(body.content!.split("\n")[0]).toBe(`-# continued · ${index + 2}/${bodies.length} · arXiv digest · 2026-01-06: ${post.header.count} papers`);
      expect(body.content!.length).toBeLessThanOrEqual(2000);
    });
  });
});
