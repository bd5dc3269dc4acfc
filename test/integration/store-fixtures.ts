/** Small hand-made papers, channels and plans for the Store contract. */
import { DEFAULT_SETTINGS, type ChannelRef, type ChannelSettings } from "../../src/core/channel.js";
import type { Paper } from "../../src/core/paper.js";
import type { NewDelivery, SearchAlternative, SearchPlan } from "../../src/core/ports.js";
import { makePaper } from "../helpers/papers.js";

export function paper(id: string, overrides: Partial<Paper> = {}): Paper {
  return makePaper(id, { title: `Paper ${id}`, authors: ["Ada Lovelace", "Charles Babbage"], abstract: `Abstract of ${id}.`, ...overrides });
}

export const SLACK: ChannelRef = { platform: "slack", workspace: "T1", channel: "C1" };
export const DISCORD: ChannelRef = { platform: "discord", workspace: "G1", channel: "42" };
export const CONSOLE: ChannelRef = { platform: "console", workspace: "", channel: "demo" };

export function settings(overrides: Partial<ChannelSettings> = {}): ChannelSettings {
  return { ...DEFAULT_SETTINGS, ...overrides };
}

export function delivery(channelId: string, slot: string, paperIds: string[], overrides: Partial<NewDelivery> = {}): NewDelivery {
  return {
    channelId,
    slot,
    cursorTo: 1,
    digestDates: ["2026-01-05"],
    paperIds,
    messages: [
      { body: { text: `post ${slot}` }, replyTo: null },
      { body: { text: "details", blocks: [{ type: "section" }] }, replyTo: 0 },
    ],
    state: "sending",
    ...overrides,
  };
}

/** `term("kv cache")`: one alternative; options for prefix, field and CJK. */
export function term(text: string, options: Partial<Omit<SearchAlternative, "words">> = {}): SearchAlternative {
  return { words: text.split(" "), prefix: false, cjk: false, ...options };
}

/** Every argument is one group (AND); an array argument is a group of alternatives (OR). */
export function plan(groups: Array<SearchAlternative | SearchAlternative[]>, extra: Partial<SearchPlan> = {}): SearchPlan {
  return {
    all: groups.map((g) => ({ any: Array.isArray(g) ? g : [g] })),
    categories: [],
    authorWords: [],
    ...extra,
  };
}
