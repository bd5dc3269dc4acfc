/** Digest sources: a folder (new and changed files only) and a URL template (conditional requests). */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { copyFileSync, mkdtempSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFolderSource } from "../../src/sources/folder.js";
import { createHttpSource, datesBack } from "../../src/sources/http.js";
import { addOddEntries, ODD_ENTRIES } from "../helpers/odd-entries.js";

const SEED = join(import.meta.dirname, "../../seeds/2025-09-08.md");

/** A folder with one good digest and every kind of entry that is named like a digest but is not one. */
function oddFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "paperboy-odd-"));
  copyFileSync(SEED, join(dir, "2025-09-08.md"));
  addOddEntries(dir);
  return dir;
}

describe("folder source", () => {
  it("returns every digest file first, then only new or changed ones", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-folder-"));
    writeFileSync(join(dir, "2026-01-05.md"), "a");
    writeFileSync(join(dir, "2026-01-05_AI_enhanced_English.jsonl"), "{}");
    writeFileSync(join(dir, "notes.txt"), "not a digest name");
    const source = createFolderSource(dir);
    expect((await source.poll()).map((f) => f.name).sort()).toEqual(["2026-01-05.md", "2026-01-05_AI_enhanced_English.jsonl"]);
    expect(await source.poll()).toEqual([]);
    writeFileSync(join(dir, "2026-01-06.md"), "b");
    writeFileSync(join(dir, "2026-01-05.md"), "a changed");
    const changed = await source.poll();
    expect(changed.map((f) => [f.name, f.text]).sort()).toEqual([["2026-01-05.md", "a changed"], ["2026-01-06.md", "b"]]);
    // Touched but identical content: not a change.
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, "2026-01-06.md"), later, later);
    expect(await source.poll()).toEqual([]);
  });
});

describe("folder source with entries that are not regular files", () => {
  it("returns the good digest and warns once per odd entry, naming it, across polls", async () => {
    const dir = oddFolder();
    const warnings: Array<Record<string, unknown>> = [];
    const source = createFolderSource(dir, { warn: (fields) => void warnings.push(fields), debug: () => undefined });
    expect((await source.poll()).map((f) => f.name)).toEqual(["2025-09-08.md"]);
    expect(await source.poll()).toEqual([]);
    const byFile = Object.fromEntries(warnings.map((w) => [String(w.file).slice(dir.length + 1), w.code]));
    expect(byFile).toEqual(ODD_ENTRIES);
    expect(warnings).toHaveLength(7);
  });

  it("keeps ingesting when a dangling symlink appears, and takes the link once it resolves", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-dangling-"));
    const warnings: unknown[] = [];
    const source = createFolderSource(dir, { warn: (fields) => void warnings.push(fields), debug: () => undefined });
    expect(await source.poll()).toEqual([]);
    symlinkSync(join(dir, "later.txt"), join(dir, "2025-09-08.md"));
    writeFileSync(join(dir, "2025-09-09.md"), "nine");
    expect((await source.poll()).map((f) => f.name)).toEqual(["2025-09-09.md"]);
    writeFileSync(join(dir, "2025-09-10.md"), "ten");
    expect((await source.poll()).map((f) => f.name)).toEqual(["2025-09-10.md"]);
    expect(warnings).toHaveLength(1);
    writeFileSync(join(dir, "later.txt"), "eight");
    expect((await source.poll()).map((f) => [f.name, f.text])).toEqual([["2025-09-08.md", "eight"]]);
  });

  it("survives a symlink loop appearing while the folder is watched", async () => {
    const dir = mkdtempSync(join(tmpdir(), "paperboy-watch-"));
    const warnings: unknown[] = [];
    const source = createFolderSource(dir, { warn: (fields) => void warnings.push(fields), debug: () => undefined });
    let changes = 0;
    const stop = source.watch!(() => changes++);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      symlinkSync("loop-b.md", join(dir, "loop-a.md"));
      symlinkSync("loop-a.md", join(dir, "loop-b.md"));
      symlinkSync("self.md", join(dir, "self.md"));
      writeFileSync(join(dir, "2025-09-09.md"), "nine");
      for (let waited = 0; waited < 10_000 && changes === 0; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(changes).toBeGreaterThan(0);
      expect((await source.poll()).map((f) => f.name)).toEqual(["2025-09-09.md"]);
    } finally {
      stop();
    }
  });
});

describe("URL template source", () => {
  let server: Server;
  let base = "";
  const requests: Array<{ url: string; ifNoneMatch: string | undefined }> = [];
  const files = new Map<string, { body: string; etag: string }>();

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res) => {
      requests.push({ url: req.url ?? "", ifNoneMatch: req.headers["if-none-match"] as string | undefined });
      const file = files.get(req.url ?? "");
      if (!file) return void res.writeHead(404).end();
      if (req.headers["if-none-match"] === file.etag) return void res.writeHead(304, { etag: file.etag }).end();
      res.writeHead(200, { etag: file.etag, "content-type": "text/markdown" }).end(file.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("polls today and the days before, skips missing days, and sends If-None-Match afterwards", async () => {
    const now = new Date("2026-01-07T12:00:00Z");
    expect(datesBack(now, 3)).toEqual(["2026-01-07", "2026-01-06", "2026-01-05"]);
    files.set("/data/2026-01-06.md", { body: "digest six", etag: '"v1"' });
    const errors: string[] = [];
    const source = createHttpSource({ template: `${base}/data/{date}.md`, lookbackDays: 3, now: () => now, onError: (_url, message) => errors.push(message) });
    const first = await source.poll();
    expect(first).toEqual([{ name: "2026-01-06.md", source: `${base}/data/2026-01-06.md`, text: "digest six" }]);
    const second = await source.poll();
    expect(second).toEqual([]);
    expect(requests.filter((r) => r.url === "/data/2026-01-06.md").at(-1)?.ifNoneMatch).toBe('"v1"');
    files.set("/data/2026-01-06.md", { body: "digest six, fixed", etag: '"v2"' });
    expect((await source.poll()).map((f) => f.text)).toEqual(["digest six, fixed"]);
    expect(errors).toEqual([]);
  });

  it("reports a server error for one day and still returns the others", async () => {
    const now = new Date("2026-02-02T12:00:00Z");
    files.set("/b/2026-02-01.md", { body: "one", etag: '"x"' });
    const failing = createServer((req, res) => {
      if (req.url === "/b/2026-02-02.md") return void res.writeHead(500).end();
      const file = files.get(req.url ?? "");
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200).end(file.body);
    });
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/b/{date}.md`;
    const errors: string[] = [];
    try {
      const source = createHttpSource({ template: url, lookbackDays: 2, now: () => now, onError: (_u, message) => errors.push(message) });
      expect((await source.poll()).map((f) => f.text)).toEqual(["one"]);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/b\/2026-02-02\.md$/);
    } finally {
      await new Promise<void>((resolve) => failing.close(() => resolve()));
    }
  });
});

describe("URL template source with credentials", () => {
  const servers: Server[] = [];
  afterAll(async () => {
    for (const server of servers) await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  async function serve(handler: (req: IncomingMessage, res: import("node:http").ServerResponse) => void): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }
  const now = () => new Date("2026-03-02T12:00:00Z");

  it("sends the Authorization header to the template's server, which requires it", async () => {
    const base = await serve((req, res) => {
      if (req.headers.authorization !== "Bearer let-me-in") return void res.writeHead(401).end();
      res.writeHead(req.url === "/d/2026-03-02.md" ? 200 : 404).end("digest");
    });
    const errors: string[] = [];
    const withHeader = createHttpSource({ template: `${base}/d/{date}.md`, lookbackDays: 1, now, authorization: "Bearer let-me-in", onError: (_u, m) => errors.push(m) });
    expect((await withHeader.poll()).map((f) => f.text)).toEqual(["digest"]);
    expect(errors).toEqual([]);
    const without = createHttpSource({ template: `${base}/d/{date}.md`, lookbackDays: 1, now, onError: (_u, m) => errors.push(m) });
    expect(await without.poll()).toEqual([]);
    expect(errors[0]).toMatch(/^HTTP 401 /);
  });

  it("never sends the header to another origin a redirect points at", async () => {
    const seen: Array<string | undefined> = [];
    const other = await serve((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200).end("elsewhere");
    });
    const base = await serve((req, res) => {
      if (req.url === "/same/2026-03-02.md") return void res.writeHead(302, { location: "/real/2026-03-02.md" }).end();
      if (req.url === "/real/2026-03-02.md") return void res.writeHead(req.headers.authorization ? 200 : 401).end("here");
      res.writeHead(302, { location: `${other}${req.url}` }).end();
    });
    const same = createHttpSource({ template: `${base}/same/{date}.md`, lookbackDays: 1, now, authorization: "token abc" });
    expect((await same.poll()).map((f) => f.text)).toEqual(["here"]);
    const away = createHttpSource({ template: `${base}/away/{date}.md`, lookbackDays: 1, now, authorization: "token abc" });
    expect((await away.poll()).map((f) => f.text)).toEqual(["elsewhere"]);
    expect(seen).toEqual([undefined]);
  });

  it("sends user:password of the template as Basic authorization and redacts it in errors and the digest's source", async () => {
    const auths: Array<string | undefined> = [];
    const base = await serve((req, res) => {
      auths.push(req.headers.authorization);
      res.writeHead(req.url?.endsWith("03-02.md") ? 200 : 500).end("digest");
    });
    const template = base.replace("http://", "http://alice:s3cret@") + "/{date}.md";
    const reported: string[] = [];
    const source = createHttpSource({ template, lookbackDays: 2, now, onError: (url, message) => reported.push(url, message) });
    const files = await source.poll();
    expect(files.map((f) => f.source)).toEqual([`${base.replace("http://", "http://***@")}/2026-03-02.md`]);
    expect(reported).toHaveLength(2);
    expect(reported.join(" ")).not.toContain("s3cret");
    expect(reported[0]).toContain("***@");
    expect(auths).toEqual([`Basic ${Buffer.from("alice:s3cret").toString("base64")}`, `Basic ${Buffer.from("alice:s3cret").toString("base64")}`]);
  });
});
