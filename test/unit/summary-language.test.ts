/** The channel's summary language on real seed papers: which text a card shows, and highlights on it. */
import { describe, expect, it } from "vitest";
import { paperCard } from "../../src/core/compose.js";
import type { PaperMatch } from "../../src/core/match-result.js";
import { plain, type Rich } from "../../src/core/post.js";
import { firstSentencesEnd, isEnglishText } from "../../src/core/summary.js";
import { renderConsolePost, type ConsoleBody } from "../../src/platforms/console/render.js";
import { renderDiscordPost, type DiscordMessageBody } from "../../src/platforms/discord/render.js";
import { renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { blockTexts } from "../e2e/fakes/slack-validate.js";
import { makeArchivedPaper } from "../helpers/papers.js";
import { seedMatches, seedPosts } from "../helpers/seed-posts.js";

const allMatches = (): PaperMatch[] => seedMatches().flatMap((entry) => entry.matches);
const firstSentence = (abstract: string): string => abstract.slice(0, firstSentencesEnd(abstract, 1)).trimEnd();

/** Each highlight of `rich` (text of `field` starting at 0) lies inside a span the matcher reported there. */
function expectHighlightsOnSpans(rich: Rich, match: PaperMatch, field: string): void {
  let offset = 0;
  for (const span of rich) {
    if (span.kind === "highlight") {
      const start = offset;
      const end = offset + span.text.length;
      const covered = match.spans.some((hit) => hit.field === field && hit.start <= start && hit.end >= end);
      expect(covered, `${match.paper.id} ${field} [${start},${end}) "${span.text}"`).toBe(true);
    }
    offset += span.text.length;
  }
}

describe("summary language", () => {
  it("tells English from Chinese by the share of CJK letters", () => {
    expect(isEnglishText("Tarragon是一个具有故障恢复能力的MoE推理框架，通过可重构数据路径和自愈机制。")).toBe(false);
    expect(isEnglishText("基于MoE的LLM推理框架")).toBe(false);
    expect(isEnglishText("LLMを高速化する手法")).toBe(false);
    expect(isEnglishText("A smaller KV cache for long-context serving.")).toBe(true);
    expect(isEnglishText("Compresses the KV cache (KV缓存) of long-context LLM serving by 4x.")).toBe(true);
    const tldrs = allMatches().map((match) => match.paper.tldr).filter((tldr): tldr is string => tldr !== null);
    // The seeds' TL;DRs are Chinese, as most generator forks write them.
    expect(tldrs.filter((tldr) => !isEnglishText(tldr)).length).toBeGreaterThan(tldrs.length * 0.9);
  });

  it("original: the TL;DR exactly as written, nothing else", () => {
    for (const match of allMatches()) {
      const card = paperCard(match.paper, { format: "compact", language: "original", match });
      if (!match.paper.tldr) continue;
      expect(plain(card.summary)).toBe(match.paper.tldr);
      expect(card.summaryEnglish).toBeUndefined();
      expectHighlightsOnSpans(card.summary, match, "tldr");
    }
  });

  it("both: the Chinese TL;DR, then the abstract's first sentence, each highlighted on its own field", () => {
    let withEnglish = 0;
    for (const match of allMatches()) {
      const { tldr, abstract } = match.paper;
      const card = paperCard(match.paper, { format: "compact", language: "both", match });
      if (!tldr || !abstract) continue;
      expect(plain(card.summary)).toBe(tldr);
      expectHighlightsOnSpans(card.summary, match, "tldr");
      if (isEnglishText(tldr)) {
        expect(card.summaryEnglish).toBeUndefined();
        continue;
      }
      withEnglish += 1;
      expect(plain(card.summaryEnglish!)).toBe(firstSentence(abstract));
      expectHighlightsOnSpans(card.summaryEnglish!, match, "abstract");
    }
    expect(withEnglish).toBeGreaterThan(30);
    // Some English lines really carry highlights (the matcher reports abstract hits).
    const highlighted = allMatches().filter((match) => paperCard(match.paper, { format: "compact", language: "both", match }).summaryEnglish?.some((span) => span.kind === "highlight"));
    expect(highlighted.length).toBeGreaterThan(5);
  });

  it("both: an English TL;DR is shown alone", () => {
    const paper = makeArchivedPaper("2601.00001", "2026-01-06", { tldr: "A smaller KV cache.", abstract: "We study caches. More text." });
    const card = paperCard(paper, { format: "compact", language: "both" });
    expect(plain(card.summary)).toBe("A smaller KV cache.");
    expect(card.summaryEnglish).toBeUndefined();
  });

  it("en: the abstract's first sentences instead of a Chinese TL;DR, highlighted on the abstract", () => {
    for (const match of allMatches()) {
      const { tldr, abstract } = match.paper;
      if (!tldr || !abstract || isEnglishText(tldr)) continue;
      const card = paperCard(match.paper, { format: "compact", language: "en", match });
      expect(card.summarySource).toBe("abstract");
      expect(abstract.startsWith(plain(card.summary).replace(/ …$/, ""))).toBe(true);
      expect(card.summaryEnglish).toBeUndefined();
      expectHighlightsOnSpans(card.summary, match, "abstract");
    }
  });

  it("falls back to the abstract when the TL;DR failed, and to the TL;DR when there is no abstract", () => {
    const noTldr = makeArchivedPaper("2601.00002", "2026-01-06", { tldr: null, abstract: "First. Second. Third." });
    const noAbstract = makeArchivedPaper("2601.00003", "2026-01-06", { tldr: "只有中文摘要。", abstract: null });
    for (const language of ["original", "en", "both"] as const) {
      expect(plain(paperCard(noTldr, { format: "compact", language }).summary)).toBe("First. Second. …");
      expect(plain(paperCard(noAbstract, { format: "compact", language }).summary)).toBe("只有中文摘要。");
    }
  });

  it("every renderer shows the English line under the TL;DR", () => {
    const [post] = seedPosts("both").filter((candidate) => candidate.cards.some((card) => card.summaryEnglish));
    const card = post!.cards.find((candidate) => candidate.summaryEnglish)!;
    const english = plain(card.summaryEnglish!);
    const words = english.split(" ").slice(0, 4).join(" ");
    const slack = renderSlackPost(post!).flatMap((message) => blockTexts((message.body as SlackMessageBody).blocks)).join("\n");
    expect(slack.replace(/\*/g, "")).toContain(words);
    const discord = renderDiscordPost(post!).flatMap((message) => (message.body as DiscordMessageBody).embeds ?? []).map((embed) => embed.description ?? "").join("\n");
    expect(discord.replace(/\*\*/g, "")).toContain(words);
    const consoleText = renderConsolePost(post!).flatMap((message) => (message.body as ConsoleBody).lines.map((line) => line.map(([, value]) => value).join(""))).join("\n");
    expect(consoleText).toContain(`   ${english}`);
  });
});
