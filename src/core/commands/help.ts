/** `/papers help`: every command with an example. */
import { code, notePost, text, type Post, type Rich } from "../post.js";

export const USAGE: Array<{ usage: string; what: string; example: string }> = [
  { usage: "subscribe <topics>", what: "add comma-separated topics", example: "subscribe kv cache, llm serving cat:cs.DC" },
  { usage: "unsubscribe <number | topic | all>", what: "remove topics", example: "unsubscribe 2" },
  { usage: "list", what: "this channel's topics and settings", example: "list" },
  { usage: "search <query>", what: "top 5 papers from the archive", example: "search speculative decoding -survey" },
  { usage: "paper <arXiv id or URL>", what: "the full card of one paper", example: "paper 2512.09277" },
  { usage: "digest [date] [page N] [all]", what: "preview every paper this channel gets from a digest, 10 per page (all: with those its votes hold back)", example: "digest 2026-01-06 page 2" },
  { usage: "why <arXiv id>", what: "which topics match a paper here, or why none does", example: "why 2512.09277" },
  { usage: "schedule <HH:MM> [timezone] [daily|weekdays|instant]", what: "when posts come", example: "schedule 08:30 Europe/Berlin weekdays" },
  {
    usage: "set <max|format|empty|language|match|learn> <value>",
    what: "papers per post (1–500), compact|full, skip|note, original|en|both, strict|balanced|broad, auto|off|rank|filter",
    example: "set language en",
  },
  { usage: "pause / resume", what: "stop and restart posts", example: "pause" },
  { usage: "status", what: "last digest, next post, last delivery and any error", example: "status" },
  { usage: "vote <arXiv id> <up|down>", what: "tell this channel's posts what it wants (one vote per person per paper)", example: "vote 2512.09277 up" },
  { usage: "follow <topics>", what: "follow topics yourself: papers come to you by direct message (only you see your follows)", example: "follow speculative decoding" },
  { usage: "follow-schedule <HH:MM> [timezone] [daily|weekdays|instant]", what: "when your direct messages come", example: "follow-schedule 08:00 Europe/Berlin" },
  { usage: "following", what: "the topics you follow, your schedule and whether your follows are paused", example: "following" },
  { usage: "unfollow <number | topic | all>", what: "stop following topics", example: "unfollow all" },
  { usage: "follow-resume", what: "restart your follows after paperboy paused them (e.g. your DMs were closed)", example: "follow-resume" },
];

export function helpPost(command: string): Post {
  const lines: Rich[] = [
    [text("paperboy posts the papers of the daily arXiv digest that match this channel's topics.")],
    ...USAGE.map(({ usage, what, example }): Rich => [code(`${command} ${usage}`), text(` — ${what}, e.g. `), code(`${command} ${example}`)]),
    [
      text("Topic syntax: words form a phrase; "),
      code("-word"),
      text(" excludes; "),
      code("(a | b)"),
      text(" alternatives; "),
      code('"exact"'),
      text(" skips synonyms; fields "),
      code("title: abstract: tldr: author: cat:"),
      text(", e.g. "),
      code("(speculative decoding | draft model) title:llm"),
      text(", "),
      code("cat:cs.AR"),
      text("; "),
      code("like:2512.09277"),
      text(" papers similar to that one."),
    ],
  ];
  return notePost(`${command} — commands`, lines);
}
