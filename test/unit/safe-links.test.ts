/** Links in posts: only ours are clickable (paper link, https code link with its host shown); digest URLs stay inert. */
import { describe, expect, it } from "vitest";
import { paperCard } from "../../src/core/compose.js";
import { composeDigestPost } from "../../src/core/compose.js";
import type { ArchivedPaper } from "../../src/core/paper.js";
import { plain, type Post } from "../../src/core/post.js";
import { renderDiscordPost, type DiscordMessageBody } from "../../src/platforms/discord/render.js";
import { breakBareUrls } from "../../src/platforms/http-url.js";
import { renderSlackPost, type SlackMessageBody } from "../../src/platforms/slack/render.js";
import { blockTexts } from "../e2e/fakes/slack-validate.js";
import { makeArchivedPaper } from "../helpers/papers.js";

const EVIL = "https://evil.example/login";

function hostilePaper(patch: Partial<ArchivedPaper> = {}): ArchivedPaper {
  return makeArchivedPaper("2601.01310", "2026-01-06", {
    title: `Tarragon: see ${EVIL} and HTTP://EVIL.example/x`,
    authors: ["Mallory http://evil.example/a"],
    tldr: `Tarragon是一个MoE推理框架，详见${EVIL}。`,
    abstract: `Visit ${EVIL} now. Mixture-of-Experts models are served at scale.`,
    codeUrl: "https://github.com/tarragon/tarragon",
    ...patch,
  });
}

function postOf(paper: ArchivedPaper, language: "both" | "en" | "original" = "both"): Post {
  const match = { paper, topicIds: [1], terms: ["MoE"], spans: [{ field: "tldr", start: 10, end: 13 }], score: 1 };
  return composeDigestPost({ dates: ["2026-01-06"], topics: ["moe"], matches: [match], settings: { maxPapers: 10, format: "full", language } });
}

/** The http(s) URLs a platform would turn into links: `<url|…>`/`<url>` in Slack, bare `scheme://` text. */
const bareUrls = (text: string): string[] => [...text.matchAll(/https?:\/\/[^\s<>|)]+/gi)].map((match) => match[0]);

describe("safe links in posts", () => {
  it("shows a code link only when it is https, labelled with the host it really opens", () => {
    const label = (codeUrl: string | null) => paperCard(hostilePaper({ codeUrl }), { format: "compact" }).extra.map(plain);
    expect(label("https://github.com/tarragon/tarragon/")).toEqual(["Code: github.com/tarragon/tarragon"]);
    expect(label("http://github.com/tarragon/tarragon")).toEqual([]);
    expect(label("javascript:alert(1)")).toEqual([]);
    expect(label("not a url")).toEqual([]);
    expect(label(null)).toEqual([]);
    // Userinfo makes a link look like one host and open another: the label names the one it opens.
    expect(label("https://github.com@evil.example/repo")).toEqual(["Code: evil.example/repo"]);
    expect(label("https://gіthub.com/x")).toEqual(["Code: xn--gthub-n2e.com/x"]);
  });

  it.each(["both", "en", "original"] as const)("Slack (%s): bare URLs from the digest are inert; the paper and code links are the only links", (language) => {
    const bodies = renderSlackPost(postOf(hostilePaper(), language)).map((message) => message.body as SlackMessageBody);
    for (const body of bodies) {
      for (const piece of [body.text, ...blockTexts(body.blocks)]) {
        const links = [...piece.matchAll(/<([^>|]+)[|>]/g)].map((match) => match[1]);
        for (const url of links) expect(["https://arxiv.org/abs/2601.01310", "https://github.com/tarragon/tarragon"]).toContain(url);
        // Outside our own <url|label> links no text is a URL any more.
        expect(bareUrls(piece.replace(/<https:\/\/(arxiv\.org|github\.com)\/[^>]*>/g, "")), piece).toEqual([]);
      }
    }
    const all = JSON.stringify(bodies);
    expect(all).toContain("evil.example");
    expect(all).toContain("<https://github.com/tarragon/tarragon|github.com/tarragon/tarragon>");
  });

  it.each(["both", "en", "original"] as const)("Discord (%s): bare URLs from the digest are inert in content, descriptions and fields", (language) => {
    const bodies = renderDiscordPost(postOf(hostilePaper(), language)).map((message) => message.body as DiscordMessageBody);
    for (const body of bodies) {
      const texts = [body.content ?? "", ...(body.embeds ?? []).flatMap((embed) => [embed.title ?? "", embed.description ?? "", ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])])];
      for (const text of texts) {
        const withoutOurs = text.replace(/\]\(https:\/\/github\.com\/tarragon\/tarragon\)/g, "]");
        expect(bareUrls(withoutOurs), text).toEqual([]);
      }
    }
    const all = JSON.stringify(bodies);
    expect(all).toContain("[github.com/tarragon/tarragon](https://github.com/tarragon/tarragon)");
    expect(bodies[0]!.embeds![0]!.url).toBe("https://arxiv.org/abs/2601.01310");
  });

  it("breaks only the scheme, so the text still reads the same", () => {
    expect(breakBareUrls(`see ${EVIL}, xhttps://a.b and http://c`)).toBe("see https\u200b://evil.example/login, xhttps\u200b://a.b and http\u200b://c");
    expect(breakBareUrls("no links here: https, http:/x")).toBe("no links here: https, http:/x");
  });
});
