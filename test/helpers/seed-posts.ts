/** Real posts for renderer tests: the four seeds matched with the demo channels' topics of config/default.json. */
import { readdirSync, readFileSync } from "node:fs";
import type { SummaryLanguage, TopicRecord } from "../../src/core/channel.js";
import { composeDigestPost } from "../../src/core/compose.js";
import { parseDigest } from "../../src/core/digest/parse.js";
import type { PaperMatch } from "../../src/core/match-result.js";
import type { ArchivedPaper } from "../../src/core/paper.js";
import type { Post } from "../../src/core/post.js";
import { createTopicTools } from "../../src/core/topic-tools.js";

const root = new URL("../../", import.meta.url);

export interface SeedChannelMatches {
  channel: string;
  date: string;
  topics: string[];
  matches: PaperMatch[];
}

let cached: SeedChannelMatches[] | null = null;

/** Every (demo channel, seed) pair with its matches: computed once per test file. */
export function seedMatches(): SeedChannelMatches[] {
  if (cached) return cached;
  const config = JSON.parse(readFileSync(new URL("config/default.json", root), "utf8")) as { console: { channels: Array<{ name: string; topics: string[] }> } };
  const tools = createTopicTools();
  const seeds = readdirSync(new URL("seeds/", root)).filter((file) => file.endsWith(".md")).sort();
  const out: SeedChannelMatches[] = [];
  for (const file of seeds) {
    const digest = parseDigest(readFileSync(new URL(`seeds/${file}`, root), "utf8"), file);
    const date = digest.date!;
    const papers: ArchivedPaper[] = digest.papers.map((paper) => ({ ...paper, firstSeen: date, lastSeen: date }));
    for (const channel of config.console.channels) {
      const topics: TopicRecord[] = channel.topics.map((text, index) => ({ id: index + 1, channelId: `console:${channel.name}`, text, createdAt: date }));
      out.push({ channel: channel.name, date, topics: channel.topics, matches: tools.matchTopics(topics, papers) });
    }
  }
  cached = out;
  return out;
}

/** One post per (demo channel, seed), every match shown (max 500), in the given language and format. */
export function seedPosts(language: SummaryLanguage, format: "compact" | "full" = "compact"): Post[] {
  return seedMatches().map(({ date, topics, matches }) => composeDigestPost({ dates: [date], topics, matches, settings: { maxPapers: 500, format, language } }));
}
