import { describe, expect, it } from "vitest";
import type { Card, Post, Rich } from "../../src/core/post.js";
import { SLACK_LIMITS } from "../../src/platforms/slack/limits.js";
import { blockTextLength, renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { blockTexts, validateMessage } from "../e2e/fakes/slack-validate.js";

const HOSTILE = "<!channel> <@U123> <https://x|y> & <!here> <#C999> a|b";

function card(i: number, overrides: Partial<Card> = {}): Card {
  return {
    paperId: `2601.${String(i).padStart(5, "0")}`,
    title: `Paper ${i}: Fast KV cache`,
    url: `https://arxiv.org/abs/2601.${String(i).padStart(5, "0")}`,
    authors: "Ada Lovelace, Alan Turing et al.",
    category: "cs.CL",
    summary: [{ kind: "text", text: "We make the " }, { kind: "highlight", text: "kv cache" }, { kind: "text", text: " smaller." }],
    summarySource: "tldr",
    matched: ["kv cache"],
    details: null,
    extra: [],
    ...overrides,
  };
}

function post(cards: Card[], overrides: Partial<Post> = {}): Post {
  return {
    header: { title: `arXiv digest · 2026-01-06: ${cards.length} papers`, date: "2026-01-06", count: cards.length, topics: ["kv cache", "moe"] },
    intro: [],
    cards,
    notes: [],
    overflow: null,
    format: "compact",
    ephemeral: false,
    ...overrides,
  };
}

const bodies = (messages: ReturnType<typeof renderSlackPost>): SlackMessageBody[] => messages.map((message) => message.body as SlackMessageBody);

/** Every limit Slack enforces, plus our own budget; fails with the offending detail. */
function expectWithinLimits(messages: ReturnType<typeof renderSlackPost>): void {
  for (const body of bodies(messages)) {
    expect(validateMessage(body as unknown as Record<string, unknown>)).toBeNull();
    expect(body.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(body.blocks.reduce((sum, block) => sum + blockTextLength(block), 0)).toBeLessThanOrEqual(SLACK_LIMITS.blocksTextBudget);
    expect(body.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(body).toMatchObject({ unfurl_links: false, unfurl_media: false });
    expect(body).not.toHaveProperty("channel");
    expect(body).not.toHaveProperty("link_names");
    expect(body).not.toHaveProperty("parse");
  }
}

/** No mention, channel link or foreign link can be formed: every `<…>` is one of the cards' own links. */
function expectInert(messages: ReturnType<typeof renderSlackPost>, allowedUrls: string[]): void {
  for (const body of bodies(messages)) {
    for (const piece of [body.text, ...blockTexts(body.blocks)]) {
      expect(piece).not.toMatch(/<[!@#]/);
      for (const match of piece.matchAll(/<([^>]*)>/g)) {
        const url = match[1]!.split("|")[0]!;
        expect(allowedUrls).toContain(url);
      }
    }
  }
}

function linksPerCard(messages: ReturnType<typeof renderSlackPost>, cards: Card[]): number[] {
  const sectionTexts = bodies(messages.filter((message) => message.replyTo === null)).flatMap((body) => body.blocks.flatMap((block) => (block.type === "section" ? [block.text.text] : [])));
  return cards.map((c) => sectionTexts.filter((text) => text.includes(`*<${c.url}|`)).length);
}

/** A small seeded PRNG so the "random" posts are the same on every run. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe("renderSlackPost", () => {
  it("renders a digest as header, context line, one linked card section with highlights, card context and overflow", () => {
    const messages = renderSlackPost(post([card(1)], { overflow: [{ kind: "text", text: "…and 12 more: " }, { kind: "code", text: "/papers digest 2026-01-06" }] }));
    expect(messages).toHaveLength(1);
    const [body] = bodies(messages);
    expect(body!.blocks.map((block) => block.type)).toEqual(["header", "context", "divider", "section", "context", "divider", "context"]);
    expect(body!.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "arXiv digest · 2026-01-06: 1 papers", emoji: true } });
    // The header already says the date and the count: the context line does not repeat them.
    expect(blockTexts([body!.blocks[1]])).toEqual(["topics: `kv cache`, `moe`"]);
    expect(blockTexts([body!.blocks[3]])).toEqual(["*<https://arxiv.org/abs/2601.00001|Paper 1: Fast KV cache>*\nWe make the *kv cache* smaller."]);
    expect(blockTexts([body!.blocks[4]])).toEqual(["Ada Lovelace, Alan Turing et al.", "cs.CL", "matched: kv cache"]);
    expect(blockTexts([body!.blocks[6]])).toEqual(["…and 12 more: `/papers digest 2026-01-06`"]);
    expect(body!.text).toContain("arXiv digest · 2026-01-06");
    expect(messages[0]!.replyTo).toBeNull();
  });

  it("escapes &, < and > in every piece of digest text, and | inside link labels", () => {
    const hostile = card(1, {
      title: `Title ${HOSTILE}`,
      authors: HOSTILE,
      category: "<!everyone>",
      summary: [{ kind: "text", text: `TL;DR ${HOSTILE}` }, { kind: "highlight", text: "<@U999>" }],
      matched: ["<!channel>"],
      extra: [[{ kind: "link", text: "code <!here>", url: "https://github.com/a/b?x=1&y=<2>" }]],
    });
    const messages = renderSlackPost(post([hostile], { header: { title: `Digest ${HOSTILE}`, topics: [HOSTILE] }, intro: [[{ kind: "text", text: HOSTILE }]], notes: [[{ kind: "bold", text: HOSTILE }]] }));
    expectWithinLimits(messages);
    expectInert(messages, [hostile.url, "https://github.com/a/b?x=1&amp;y=%3C2%3E"]);
    const all = JSON.stringify(bodies(messages));
    expect(all).toContain("Title &lt;!channel&gt; &lt;@U123&gt; &lt;https://x∣y&gt; &amp;");
    expect(all).toContain("TL;DR &lt;!channel&gt;");
    expect(all).not.toContain("&amp;lt;"); // ampersand escaped first, never twice
  });

  it("formats highlights as *bold* with spaces outside the markers, and leaves text holding a marker plain", () => {
    const summary: Rich = [{ kind: "text", text: "on" }, { kind: "highlight", text: " KV cache " }, { kind: "text", text: "and " }, { kind: "highlight", text: "C*-algebras" }, { kind: "text", text: " with " }, { kind: "code", text: "a`b" }, { kind: "text", text: " " }, { kind: "italic", text: "nice" }];
    const texts = bodies(renderSlackPost(post([card(1, { summary })]))).flatMap((body) => blockTexts(body.blocks));
    expect(texts).toContain("*<https://arxiv.org/abs/2601.00001|Paper 1: Fast KV cache>*\non *KV cache* and C*-algebras with a`b _nice_");
  });

  it("keeps *bold* where Slack applies it: a space beside CJK text, the whole word beside Latin letters, adjacent highlights merged", () => {
    const summary: Rich = [
      { kind: "text", text: "框架的" },
      { kind: "highlight", text: "MoE" },
      { kind: "text", text: "推理，压缩" },
      { kind: "highlight", text: "KV缓存" },
      { kind: "text", text: "。We shrink " },
      { kind: "highlight", text: "KV cache" },
      { kind: "text", text: "s and " },
      { kind: "highlight", text: "spec" },
      { kind: "highlight", text: "ulative" },
      { kind: "text", text: " decoding (" },
      { kind: "highlight", text: "MoE" },
      { kind: "text", text: ")." },
    ];
    const texts = bodies(renderSlackPost(post([card(1, { summary })]))).flatMap((body) => blockTexts(body.blocks));
    expect(texts).toContain("*<https://arxiv.org/abs/2601.00001|Paper 1: Fast KV cache>*\n框架的 *MoE* 推理，压缩 *KV缓存* 。We shrink *KV caches* and *speculative* decoding (*MoE*).");
  });

  it("shows a link with an unsafe URL as plain text", () => {
    const messages = renderSlackPost(post([card(1, { url: "javascript:alert(1)", title: "Click me" })]));
    const texts = bodies(messages).flatMap((body) => blockTexts(body.blocks));
    expect(texts.some((text) => text.startsWith("*Click me*"))).toBe(true);
    expect(JSON.stringify(texts)).not.toContain("javascript:");
  });

  it("truncates only the header, at 150 characters with an ellipsis", () => {
    const title = "T".repeat(400);
    const messages = renderSlackPost(post([card(1)], { header: { title } }));
    const header = bodies(messages)[0]!.blocks[0]!;
    expect(header.type).toBe("header");
    const text = blockTexts([header])[0]!;
    expect(text.length).toBeLessThanOrEqual(150);
    expect(text.endsWith("…")).toBe(true);
  });

  it("splits 300 cards over several messages within every limit, each card exactly once and in order", () => {
    const cards = Array.from({ length: 300 }, (_, i) => card(i + 1));
    const messages = renderSlackPost(post(cards, { overflow: [{ kind: "text", text: "…and 5 more" }] }));
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    expect(linksPerCard(messages, cards)).toEqual(cards.map(() => 1));
    const order = bodies(messages).flatMap((body) => blockTexts(body.blocks)).join("\n");
    expect(order.indexOf("2601.00001|")).toBeLessThan(order.indexOf("2601.00300|"));
    expect(order).toContain("…and 5 more");
  });

  it("splits a 20,000-character TL;DR across sections and messages without losing a word", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const tldr = words.join(" ") + ". " + "&".repeat(500);
    const big = card(1, { summary: [{ kind: "text", text: tldr }] });
    const messages = renderSlackPost(post([card(0), big, card(2)]));
    expect(messages.length).toBeGreaterThan(1);
    expectWithinLimits(messages);
    const text = bodies(messages).flatMap((body) => blockTexts(body.blocks)).join(" ");
    for (const word of words) expect(text).toContain(` ${word} `.trim());
    expect(text.split("&amp;").length - 1).toBe(500);
    expect(linksPerCard(messages, [card(0), big, card(2)])).toEqual([1, 1, 1]);
  });

  it("keeps random posts within every limit (seeded property check)", () => {
    const random = prng(42);
    const pick = <T,>(values: T[]): T => values[Math.floor(random() * values.length)]!;
    const pieces = ["word", "kv cache", HOSTILE, "a".repeat(120), "句子。", "&&&", "\n\n", "x".repeat(3500), "emoji 🚀", ". "];
    const richText = (spans: number): Rich => Array.from({ length: spans }, () => ({ kind: pick(["text", "highlight", "bold", "italic", "code"] as const), text: Array.from({ length: 1 + Math.floor(random() * 8) }, () => pick(pieces)).join(" ") }));
    for (let round = 0; round < 40; round += 1) {
      const cards = Array.from({ length: Math.floor(random() * 60) }, (_, i) =>
        card(i, {
          title: Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(pieces)).join(" "),
          summary: richText(Math.floor(random() * 6)),
          matched: Array.from({ length: Math.floor(random() * 4) }, () => pick(pieces)),
          authors: pick(pieces),
          details: random() < 0.5 ? { motivation: pick(pieces), method: richText(3).map((s) => s.text).join(" "), result: null, conclusion: pick(pieces) } : null,
        }),
      );
      const format = pick(["compact", "full"] as const);
      const messages = renderSlackPost(post(cards, { format, intro: [richText(3)], notes: [richText(2)], header: { title: pick(pieces), topics: Array.from({ length: Math.floor(random() * 30) }, () => pick(pieces)) } }));
      expectWithinLimits(messages);
      expectInert(messages, cards.map((c) => c.url));
      expect(linksPerCard(messages, cards)).toEqual(cards.map(() => 1));
    }
  });

  it("puts full-format details in thread replies that point at the message holding their card", () => {
    const details = { motivation: "Why it matters.", method: "M".repeat(2500), result: null, conclusion: "It works." };
    const cards = Array.from({ length: 120 }, (_, i) => card(i + 1, { details }));
    const messages = renderSlackPost(post(cards, { format: "full" }));
    expectWithinLimits(messages);
    const main = messages.filter((message) => message.replyTo === null);
    const replies = messages.filter((message) => message.replyTo !== null);
    expect(main.length).toBeGreaterThan(1);
    expect(replies.length).toBeGreaterThanOrEqual(cards.length);
    // Parents come first so a reply's parent is always sent before it.
    expect(messages.slice(0, main.length).every((message) => message.replyTo === null)).toBe(true);
    for (const c of cards) {
      const reply = replies.find((message) => blockTexts((message.body as SlackMessageBody).blocks).some((text) => text.includes(`<${c.url}|`)));
      expect(reply, c.paperId).toBeDefined();
      const parent = bodies([messages[reply!.replyTo!]!])[0]!;
      expect(blockTexts(parent.blocks).some((text) => text.includes(`*<${c.url}|`))).toBe(true);
      expect(blockTexts((reply!.body as SlackMessageBody).blocks).join("\n")).toContain("*Motivation*\nWhy it matters.");
    }
    // The main messages carry no details.
    expect(JSON.stringify(bodies(main))).not.toContain("*Motivation*");
  });

  it("keeps details inline (no thread) in ephemeral replies", () => {
    const messages = renderSlackPost(post([card(1, { details: { motivation: "Why.", method: "How.", result: "What.", conclusion: "So." } })], { format: "full", ephemeral: true }));
    expect(messages.every((message) => message.replyTo === null)).toBe(true);
    const text = bodies(messages).flatMap((body) => blockTexts(body.blocks)).join("\n");
    for (const label of ["*Motivation*\nWhy.", "*Method*\nHow.", "*Result*\nWhat.", "*Conclusion*\nSo."]) expect(text).toContain(label);
  });

  it("renders a note post (help, errors) and always gives a text fallback", () => {
    const messages = renderSlackPost(post([], { header: { title: "Bad time" }, intro: [[{ kind: "text", text: "Use " }, { kind: "code", text: "/papers schedule 09:00 Europe/Berlin" }]], isError: true, ephemeral: true }));
    expectWithinLimits(messages);
    const body = bodies(messages)[0]!;
    expect(blockTexts(body.blocks)).toEqual(["⚠️ Bad time", "Use `/papers schedule 09:00 Europe/Berlin`"]);
    expect(body.text).toContain("Bad time");
  });

  it("is deterministic", () => {
    const input = post(Array.from({ length: 30 }, (_, i) => card(i)), { format: "full" });
    expect(JSON.stringify(renderSlackPost(input))).toBe(JSON.stringify(renderSlackPost(structuredClone(input))));
  });
});
