/**
 * Every highlight of the four seeds, matched with the demo channels' topics, rendered for Slack and Discord:
 * each marker must sit where the platform applies it.
 */
import { describe, expect, it } from "vitest";
import type { SummaryLanguage } from "../../src/core/channel.js";
import type { Post, Rich } from "../../src/core/post.js";
import { escapeText } from "../../src/platforms/discord/escape.js";
import { renderDiscordPost, type DiscordMessageBody } from "../../src/platforms/discord/render.js";
import { renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { blockTexts } from "../e2e/fakes/slack-validate.js";
import { seedPosts } from "../helpers/seed-posts.js";

// Slack's rule for `*bold*` (and `_italic_`, `` `code` ``), written independently of the renderer: the
// character before an opening marker is the start, whitespace or ASCII punctuation; the character after a
// closing marker is the end, whitespace or ASCII punctuation; no whitespace just inside the markers.
const SLACK_BOUNDARY = /[\s!-/:-@[-`{-~]/;
const slackBoundary = (char: string | undefined): boolean => char === undefined || SLACK_BOUNDARY.test(char);
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Each `*…*` pair of a text whose only asterisks are markers: where it fails Slack's rule, if anywhere. */
function slackMarkerProblems(text: string): string[] {
  const chars = [...text];
  const stars = chars.flatMap((char, index) => (char === "*" ? [index] : []));
  const problems: string[] = [];
  if (stars.length % 2 === 1) problems.push(`odd number of markers in ${text}`);
  for (let i = 0; i + 1 < stars.length; i += 2) {
    const open = stars[i]!;
    const close = stars[i + 1]!;
    const context = chars.slice(Math.max(0, open - 3), close + 4).join("");
    if (!slackBoundary(chars[open - 1])) problems.push(`opening marker after '${chars[open - 1]}': ${context}`);
    if (!slackBoundary(chars[close + 1])) problems.push(`closing marker before '${chars[close + 1]}': ${context}`);
    if (/\s/.test(chars[open + 1] ?? " ") || /\s/.test(chars[close - 1] ?? " ")) problems.push(`whitespace inside the markers: ${context}`);
  }
  return problems;
}

/** The seeds' own asterisks ("O(N*L)") are text, not markers: swap them for a look-alike so every `*` left is ours. */
function withoutLiteralStars(post: Post): Post {
  const swap = (rich: Rich): Rich => rich.map((span) => ({ ...span, text: span.text.replace(/\*/g, "∗") }));
  return {
    ...post,
    cards: post.cards.map((card) => ({
      ...card,
      title: card.title.replace(/\*/g, "∗"),
      summary: swap(card.summary),
      ...(card.summaryEnglish ? { summaryEnglish: swap(card.summaryEnglish) } : {}),
    })),
  };
}

const highlights = (post: Post): string[] =>
  post.cards.flatMap((card) => [...card.summary, ...(card.summaryEnglish ?? [])].filter((span) => span.kind === "highlight").map((span) => span.text.trim()));

const LANGUAGES: SummaryLanguage[] = ["both", "original", "en"];

describe("highlights on real seed text", () => {
  it.each(LANGUAGES)("Slack (%s): every *marker* of every card sits where Slack applies it, and every highlight is bold", (language) => {
    const posts = seedPosts(language).map(withoutLiteralStars);
    let total = 0;
    let besideCjk = 0;
    for (const post of posts) {
      const texts = renderSlackPost(post).flatMap((message) => blockTexts((message.body as SlackMessageBody).blocks));
      for (const text of texts) expect(slackMarkerProblems(text), text).toEqual([]);
      const rendered = texts.join("\n");
      const bolded = [...rendered.matchAll(/\*([^*]+)\*/g)].map((match) => match[1]!);
      for (const card of post.cards) {
        const spans = [...card.summary, ...(card.summaryEnglish ?? [])];
        spans.forEach((span, index) => {
          if (span.kind !== "highlight") return;
          total += 1;
          const neighbours = [spans[index - 1]?.text.at(-1), spans[index + 1]?.text[0]];
          if (neighbours.some((char) => char !== undefined && CJK.test(char))) besideCjk += 1;
          // Shown bold: inside one marker pair (which may have grown to the whole word).
          expect(bolded.some((inner) => inner.includes(span.text.trim().replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"))), span.text).toBe(true);
        });
      }
    }
    // The seeds really exercise the rule: many highlights, many of them touching Chinese text.
    expect(total).toBeGreaterThan(20);
    if (language !== "en") expect(besideCjk).toBeGreaterThan(10);
  });

  it.each(LANGUAGES)("Discord (%s): every highlight is **bold** with its markers hugging the text", (language) => {
    for (const post of seedPosts(language)) {
      const descriptions = renderDiscordPost(post).flatMap((message) => ((message.body as DiscordMessageBody).embeds ?? []).map((embed) => embed.description ?? ""));
      const all = descriptions.join("\n");
      for (const description of descriptions) {
        const markers = [...description.matchAll(/(?<!\\)\*\*/g)].map((match) => match.index);
        expect(markers.length % 2, description).toBe(0);
        for (let i = 0; i + 1 < markers.length; i += 2) {
          const inner = description.slice(markers[i]! + 2, markers[i + 1]);
          expect(inner, description).toMatch(/^\S(?:[\s\S]*\S)?$/);
        }
      }
      for (const text of highlights(post)) expect(all).toContain(`**${escapeText(text)}**`);
    }
  });
});
