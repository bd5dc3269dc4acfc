/** The built CLI fetching digests over HTTP: credentials never shown, sent only where they belong. */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCliAsync, workspace } from "../helpers/cli.js";

const DIGEST = readFileSync(join(ROOT, "seeds", "2025-09-08.md"), "utf8");
const TOKEN = "Bearer sekrit-token";
let server: Server;
let base = "";
const seenAuth: Array<string | undefined> = [];

beforeAll(async () => {
  ensureBuilt();
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    seenAuth.push(req.headers.authorization);
    const allowed = req.headers.authorization === TOKEN || req.headers.authorization === `Basic ${Buffer.from("alice:s3cret").toString("base64")}`;
    if (!allowed) return void res.writeHead(401).end("<!doctype html><p>login</p>");
    if (req.url !== "/d/2025-09-08.md") return void res.writeHead(404, { "content-type": "text/html" }).end("<!doctype html><p>no</p>");
    res.writeHead(200).end(DIGEST);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("ingest <url>", { timeout: 60_000 }, () => {
  it("sends PAPERBOY_DIGESTS_AUTHORIZATION to the digests template's origin and never prints it", async () => {
    const ws = workspace({ digests: `${base}/d/{date}.md` }, { seeds: false });
    const result = await runCliAsync(ws, ["ingest", `${base}/d/2025-09-08.md`, "--json"], { PAPERBOY_DIGESTS_AUTHORIZATION: TOKEN });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { files: Array<{ papers: number }> }).files[0]!.papers).toBe(58);
    expect(seenAuth.at(-1)).toBe(TOKEN);
  });

  it("does not send it to a URL of another origin, and says why the server refused", async () => {
    const ws = workspace({ digests: "http://digests.example/{date}.md" }, { seeds: false });
    seenAuth.length = 0;
    const result = await runCliAsync(ws, ["ingest", `${base}/d/2025-09-08.md`], { PAPERBOY_DIGESTS_AUTHORIZATION: TOKEN });
    expect(result.status).toBe(1);
    expect(seenAuth).toEqual([undefined]);
    expect(result.stderr).toMatch(/HTTP 401 .*only sent to http:\/\/digests\.example/);
    expect(result.stderr + result.stdout).not.toContain("sekrit");
  });

  it("takes user:password in the URL as Basic authorization and redacts it in every message", async () => {
    const ws = workspace({}, { seeds: false });
    const withCredentials = base.replace("http://", "http://alice:s3cret@");
    const ok = await runCliAsync(ws, ["ingest", `${withCredentials}/d/2025-09-08.md`, "--json"]);
    expect(ok.status, ok.stderr).toBe(0);
    const missing = await runCliAsync(ws, ["ingest", `${withCredentials}/d/2025-09-09.md`]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/HTTP 404 Not Found from http:\/\/\*\*\*@127\.0\.0\.1:\d+\/d\/2025-09-09\.md/);
    const closed = await closedPort();
    const failing = await runCliAsync(ws, ["deliver", "--digests", `http://alice:s3cret@127.0.0.1:${closed}/{date}.md`], { PAPERBOY_LOG_LEVEL: "warn" });
    expect(failing.stderr).toMatch(/digest fetch failed/);
    expect(failing.stderr).toMatch(/ECONNREFUSED/);
    for (const result of [ok, missing, failing]) expect(result.stdout + result.stderr).not.toContain("s3cret");
  });
});
