import { describe, expect, it } from "vitest";
import { embedLength, type APIEmbed } from "discord.js";
import type { Card, Post, Rich } from "../../src/core/post.js";
import { renderDiscordPost, type DiscordMessageBody } from "../../src/platforms/discord/render.js";
import { DISCORD_LIMITS as L } from "../../src/platforms/discord/limits.js";
import { escapeText, safeUrl } from "../../src/platforms/discord/escape.js";

/** Deterministic pseudo-random numbers, so a failure is reproducible. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const HOSTILE = ["@everyone", "@here", "<@123>", "<@!124>", "<@&456>", "<#789>", "**bold**", "__under__", "||spoiler||", "[x](http://evil)", "~~s~~", "`code`", "# heading", "> quote", "\\", "*", "_"];
const WORDS = ["cache", "attention", "moe", "解码", "推理", "serving", "kv", "quantization", "😀", "emoji"];

function randomText(next: () => number, length: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < length) {
    const roll = next();
    const word = roll < 0.15 ? HOSTILE[Math.floor(next() * HOSTILE.length)]! : roll < 0.2 ? ".\n\n" : WORDS[Math.floor(next() * WORDS.length)]!;
    parts.push(word);
    size += word.length + 1;
  }
  return parts.join(" ");
}

function card(next: () => number, index: number, sizes: { title: number; tldr: number; details: boolean }): Card {
  const summary: Rich = [
    { kind: "text", text: randomText(next, sizes.tldr / 2) },
    { kind: "highlight", text: "kv cache" },
    { kind: "text", text: ` ${randomText(next, sizes.tldr / 2)}` },
  ];
  return {
    paperId: `2512.${String(10000 + index)}`,
    title: randomText(next, sizes.title),
    url: `https://arxiv.org/abs/2512.${String(10000 + index)}`,
    authors: randomText(next, 60),
    category: "cs.CL",
    summary,
    summarySource: "tldr",
    matched: ["kv cache", "@everyone"],
    details: sizes.details ? { motivation: randomText(next, 3000), method: randomText(next, 200), result: null, conclusion: randomText(next, 1500) } : null,
    extra: [[{ kind: "link", text: "code", url: "https://github.com/x/y" }]],
  };
}

function post(cards: Card[], overrides: Partial<Post> = {}): Post {
  return {
    header: { title: "Papers for #llm @everyone", date: "2026-01-06", count: cards.length + 12, topics: ["kv cache", "<@123>", "moe"] },
    intro: [],
    cards,
    notes: [[{ kind: "text", text: "note @here" }]],
    overflow: [{ kind: "text", text: "…and 12 more: " }, { kind: "code", text: "/papers digest 2026-01-06" }],
    format: cards.some((c) => c.details) ? "full" : "compact",
    ephemeral: false,
    ...overrides,
  };
}

function bodies(p: Post): DiscordMessageBody[] {
  return renderDiscordPost(p).map((message) => message.body as DiscordMessageBody);
}

function assertWithinLimits(list: DiscordMessageBody[]): void {
  for (const body of list) {
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.content !== undefined || (body.embeds?.length ?? 0) > 0).toBe(true);
    expect(body.content?.length ?? 0).toBeLessThanOrEqual(L.content);
    const embeds = body.embeds ?? [];
    expect(embeds.length).toBeLessThanOrEqual(L.embedsPerMessage);
    expect(embeds.reduce((sum, embed) => sum + embedLength(embed), 0)).toBeLessThanOrEqual(L.embedsTotal);
    for (const embed of embeds) assertEmbed(embed);
  }
}

function assertEmbed(embed: APIEmbed): void {
  expect(embed.title?.length ?? 0).toBeLessThanOrEqual(L.embedTitle);
  expect(embed.description?.length ?? 0).toBeLessThanOrEqual(L.embedDescription);
  expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(L.embedFields);
  for (const field of embed.fields ?? []) {
    expect(field.name.length).toBeGreaterThan(0);
    expect(field.name.length).toBeLessThanOrEqual(L.fieldName);
    expect(field.value.length).toBeGreaterThan(0);
    expect(field.value.length).toBeLessThanOrEqual(L.fieldValue);
  }
  expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(L.footerText);
}

/** Every visible string of the bodies. */
function texts(list: DiscordMessageBody[]): string[] {
  return list.flatMap((body) => [
    body.content ?? "",
    ...(body.embeds ?? []).flatMap((embed) => [embed.title ?? "", embed.description ?? "", embed.footer?.text ?? "", ...(embed.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ]);
}

function assertInert(list: DiscordMessageBody[]): void {
  for (const text of texts(list)) {
    expect(text).not.toMatch(/@(everyone|here)/i);
    expect(text).not.toMatch(/<[@#][!&]?\d+>/);
    // A masked link needs an unescaped "[": every "[" from digest text is escaped.
    expect(text).not.toMatch(/(^|[^\\])\[x\]\(http:\/\/evil\)/);
    expect(text).not.toContain("||spoiler||");
    expect(text).not.toContain("__under__");
    expect(text).not.toMatch(/(^|[^\\])\*\*bold\*\*/);
  }
}

function cardIds(list: DiscordMessageBody[]): string[] {
  return list.flatMap((body) => (body.embeds ?? []).map((embed) => embed.footer?.text ?? "")).filter((footer) => footer.startsWith("arXiv:")).map((footer) => footer.slice(6, 16));
}

describe("renderDiscordPost", () => {
  it("renders a small digest as one message: content header plus one embed per card", () => {
    const next = rng(1);
    const cards = [0, 1, 2].map((i) => card(next, i, { title: 60, tldr: 200, details: false }));
    const list = bodies(post(cards));
    expect(list).toHaveLength(1);
    expect(list[0]!.content).toContain("2026-01-06");
    expect(list[0]!.content).toContain("15 papers");
    expect(list[0]!.embeds!.slice(0, 3).map((e) => e.url)).toEqual(cards.map((c) => c.url));
    expect(list[0]!.embeds![0]!.fields!.map((f) => f.name)).toEqual(["Authors", "Category", "Matched"]);
    expect(list[0]!.embeds![0]!.description).toContain("**kv cache**");
    // The notes and the overflow line close the post.
    expect(list[0]!.embeds!.at(-1)!.description).toContain("/papers digest 2026-01-06");
    assertWithinLimits(list);
    assertInert(list);
  });

  it("keeps 300 huge hostile cards within every limit, each card exactly once, in order", () => {
    const next = rng(42);
    const cards = Array.from({ length: 300 }, (_, i) => card(next, i, { title: i % 3 === 0 ? 300 : 80, tldr: i % 50 === 0 ? 20_000 : 600, details: i % 7 === 0 }));
    const list = bodies(post(cards));
    assertWithinLimits(list);
    assertInert(list);
    expect(cardIds(list)).toEqual(cards.map((c) => c.paperId));
    expect(list.length).toBeGreaterThan(30);
  });

  it("splits a 20,000-character TL;DR over several embeds without losing a word", () => {
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const c: Card = { ...card(rng(3), 0, { title: 20, tldr: 10, details: false }), summary: [{ kind: "text", text: words.join(" ") }] };
    const list = bodies(post([c]));
    assertWithinLimits(list);
    const all = list.flatMap((b) => b.embeds ?? []).map((e) => e.description ?? "").join(" ");
    for (const word of words) expect(all).toContain(` ${word} `.trim());
    expect(all.match(/w\d+/g)).toEqual(words);
  });

  it("shortens a 300-character title to the limit and keeps the full title in the description", () => {
    const title = `${"Scaling ".repeat(40)}end`;
    const c: Card = { ...card(rng(4), 0, { title: 10, tldr: 50, details: false }), title };
    const [body] = bodies(post([c]));
    const embed = body!.embeds![0]!;
    expect(embed.title!.length).toBeLessThanOrEqual(L.embedTitle);
    expect(embed.title!.endsWith("…")).toBe(true);
    expect(embed.description).toContain(`**${title}**`);
  });

  it("splits long full-format sections across several fields", () => {
    const c: Card = { ...card(rng(5), 0, { title: 10, tldr: 50, details: false }), details: { motivation: "m ".repeat(1500), method: "short method", result: null, conclusion: null } };
    const list = bodies(post([c], { format: "full" }));
    assertWithinLimits(list);
    const names = list[0]!.embeds![0]!.fields!.map((f) => f.name);
    expect(names).toContain("Motivation");
    expect(names).toContain("Motivation (cont.)");
    expect(names).toContain("Method");
    expect(names).not.toContain("Result");
  });

  it("makes mentions and Markdown from digest text inert", () => {
    expect(escapeText("@everyone @here <@123> <@&456> <#789>")).not.toMatch(/@everyone|@here|<@\d|<@&|<#\d/);
    expect(escapeText("**b** __u__ ||s|| [x](http://evil)")).toBe("\\*\\*b\\*\\* \\_\\_u\\_\\_ \\|\\|s\\|\\| \\[x\\](http\u200b://evil)");
    expect(escapeText("[a](u) [b](v)")).toBe("\\[a\\](u) \\[b\\](v)");
    expect(escapeText("# h\n- l\n> q")).toBe("\\# h\n\\- l\n\\> q");
  });

  it("links only http(s) URLs and encodes characters that could end a Markdown link", () => {
    expect(safeUrl("javascript:alert(1)")).toBeNull();
    expect(safeUrl("not a url")).toBeNull();
    expect(safeUrl("https://arxiv.org/abs/1) [x](http://evil")).not.toMatch(/[()[\] ]/);
    const c: Card = { ...card(rng(6), 0, { title: 10, tldr: 50, details: false }), url: "javascript:alert(1)" };
    expect(bodies(post([c]))[0]!.embeds![0]!.url).toBeUndefined();
  });

  it("renders paragraph-only replies (help, errors) as content split at 2000 characters", () => {
    const intro: Rich[] = Array.from({ length: 40 }, (_, i) => [{ kind: "text", text: `${i} ${"word ".repeat(40)}` }, { kind: "bold", text: "strong @everyone" }]);
    const list = bodies({ header: { title: "Help" }, intro, cards: [], notes: [], overflow: null, format: "compact", ephemeral: true });
    expect(list.length).toBeGreaterThan(1);
    assertWithinLimits(list);
    assertInert(list);
    expect(list.every((b) => b.embeds === undefined)).toBe(true);
    const joined = list.map((b) => b.content).join("\n");
    for (let i = 0; i < 40; i += 1) expect(joined).toContain(`${i} word`);
    // Bold survives a split: every chunk has balanced markers.
    for (const b of list) expect((b.content!.match(/(?<!\\)\*\*/g) ?? []).length % 2).toBe(0);
  });

  it("is deterministic", () => {
    const make = () => post(Array.from({ length: 20 }, (_, i) => card(rng(i), i, { title: 50, tldr: 500, details: true })));
    expect(JSON.stringify(renderDiscordPost(make()))).toBe(JSON.stringify(renderDiscordPost(make())));
  });
});
