import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { Command, CommandContext } from "../../src/core/ports.js";
import { notePost, text } from "../../src/core/post.js";
import { createConsolePlatform } from "../../src/platforms/console/console.js";
import { renderConsolePost, type ConsoleBody } from "../../src/platforms/console/render.js";
import { demoNotes } from "../../src/platforms/console/demo-notes.js";
import { startLogLevel } from "../../src/log.js";

const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function collect(stream: PassThrough): () => string {
  let out = "";
  stream.on("data", (chunk: Buffer) => (out += chunk.toString()));
  return () => out;
}

describe("console platform", () => {
  it("answers /papers lines typed on stdin for its default channel", async () => {
    const input = new PassThrough();
    const out = new PassThrough();
    const read = collect(out);
    const seen: Array<[Command, CommandContext]> = [];
    const platform = createConsolePlatform({ out, color: false, files: new Map(), log, input, defaultChannel: "demo" });
    await platform.start(async (command, context) => {
      seen.push([command, context]);
      return notePost("Search: kv cache", [[text("2 results")]]);
    });
    input.write("/papers search kv cache\n");
    for (let i = 0; i < 50 && !read().includes("2 results"); i++) await new Promise((r) => setTimeout(r, 10));
    await platform.stop();
    expect(seen[0]![0]).toEqual({ name: "search", args: "kv cache" });
    expect(seen[0]![1].channel).toEqual({ platform: "console", workspace: "", channel: "demo" });
    expect(read()).toContain("━━ Search: kv cache");
    // The reply names the channel that answered.
    expect(read()).toContain("[#demo] ━━ Search: kv cache");
  });

  it("strips terminal control sequences from digest text", () => {
    const [message] = renderConsolePost(notePost("Evil \x1b[2Jtitle", [[text("bell\x07 and \x1b]0;pwned\x07")]]));
    const lines = (message!.body as ConsoleBody).lines.flat().map(([, value]) => value).join("");
    expect(lines).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
  });

  it("appends to a channel's file with a marker, and does not write twice when recovering", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "paperboy-console-")), "out.txt");
    const platform = createConsolePlatform({ out: new PassThrough(), color: false, files: new Map([["news", file]]), log });
    const [message] = renderConsolePost(notePost("Hello", []));
    const channel = { platform: "console" as const, workspace: "", channel: "news" };
    await platform.send(channel, message!, { key: "7:0", replyTo: null, recovering: false });
    await platform.send(channel, message!, { key: "7:0", replyTo: null, recovering: true });
    await platform.send(channel, message!, { key: "7:1", replyTo: null, recovering: true });
    const written = readFileSync(file, "utf8");
    expect(written.match(/paperboy:7:0/g)).toHaveLength(1);
    expect(written.match(/paperboy:7:1/g)).toHaveLength(1);
  });

  it("under the demo's posts: the command hint, and on a start with nothing new, why and how to see it again", () => {
    const delivered = { delivered: 3, skipped: 0, failed: 0, pending: 0 };
    const nothing = { delivered: 0, skipped: 0, failed: 0, pending: 0 };
    const input = { commandChannel: "llm-systems", digests: "./seeds", db: "sqlite:./data/paperboy.db" };
    expect(demoNotes({ ...input, firstRound: delivered })).toEqual(["Type /papers help (commands go to #llm-systems) · Ctrl-C to stop"]);
    expect(demoNotes({ ...input, firstRound: nothing })).toEqual([
      "Nothing new to post — every paper in seeds/ was already posted to these channels. Delete data/ to see the demo again.",
      "Type /papers help (commands go to #llm-systems) · Ctrl-C to stop",
    ]);
    // Not a terminal: no command hint. Postgres: nothing to delete. A failed round is not "nothing new".
    expect(demoNotes({ ...input, commandChannel: null, db: "postgres://localhost/x", firstRound: nothing })).toEqual(["Nothing new to post — every paper in seeds/ was already posted to these channels."]);
    expect(demoNotes({ ...input, commandChannel: null, firstRound: { ...nothing, failed: 1 } })).toEqual([]);
  });

  it("keeps the demo quiet on a terminal unless a level is asked for", () => {
    expect(startLogLevel("info", { demo: true, terminal: true, flag: undefined })).toBe("warn");
    expect(startLogLevel("info", { demo: true, terminal: true, flag: "info" })).toBe("info");
    expect(startLogLevel("debug", { demo: true, terminal: true, flag: undefined })).toBe("debug");
    expect(startLogLevel("info", { demo: true, terminal: false, flag: undefined })).toBe("info");
    expect(startLogLevel("info", { demo: false, terminal: true, flag: undefined })).toBe("info");
  });
});
