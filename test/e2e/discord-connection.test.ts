/**
 * The gateway connection as /healthz, /metrics and the logs report it: the real app and discord.js client
 * against the fake Discord, whose gateway closes with a resumable code and lets the client resume.
 */
import { rmSync } from "node:fs";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { openStore } from "../../src/store/open-store.js";
import { appTestConfig } from "../helpers/app-config.js";
import { freePort } from "../helpers/free-port.js";
import { FakeDiscord } from "./fakes/discord.js";

const GUILD = "150000000000000001";
const CHANNEL = "250000000000000001";

describe("Discord gateway connection state", () => {
  let fake: FakeDiscord;
  let app: App;
  let dir: string;
  let base: string;
  const logs: Array<{ level: number; msg: string; change?: string; code?: number | null; reason?: string }> = [];

  const health = async (): Promise<{ status: number; body: { status: string; platforms: Record<string, { state: string; reason: string | null }> } }> => {
    const response = await fetch(`${base}/healthz`);
    return { status: response.status, body: (await response.json()) as never };
  };
  const metric = async (pattern: RegExp): Promise<number | null> => {
    const match = pattern.exec(await (await fetch(`${base}/metrics`)).text());
    return match ? Number(match[1]) : null;
  };
  /** Polls /healthz until it reports `status` (bounded by the loop and the test timeout). */
  async function untilHealth(status: string): Promise<Awaited<ReturnType<typeof health>>> {
    let last = await health();
    for (let i = 0; i < 500 && last.body.status !== status; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      last = await health();
    }
    return last;
  }

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, [CHANNEL]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const prepared = appTestConfig("paperboy-discord-connection-", { port, discord: { token: fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl } });
    dir = prepared.dir;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of String(chunk).split("\n").filter(Boolean)) logs.push(JSON.parse(line) as (typeof logs)[number]);
        done();
      },
    });
    app = await createApp(prepared.config, { logger: pino({ level: "info" }, sink), store: await openStore(prepared.config.db), sleep: async () => undefined });
    await app.start();
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reports ok while connected, degraded while the gateway reconnects, and ok again once resumed", async () => {
    const up = await untilHealth("ok");
    expect(up.status).toBe(200);
    expect(up.body.platforms).toEqual({ discord: { state: "connected", reason: null } });
    expect(await metric(/^paperboy_platform_connected\{platform="discord"\} (\d+)/m)).toBe(1);

    fake.holdConnections();
    fake.closeGateway(4000);
    const down = await untilHealth("degraded");
    expect(down.status).toBe(503);
    expect(down.body.platforms.discord!.state).toBe("connecting");
    expect(down.body.platforms.discord!.reason).toContain("4000");
    expect(await metric(/^paperboy_platform_connected\{platform="discord"\} (\d+)/m)).toBe(0);
    expect(await metric(/^paperboy_platform_connection_changes_total\{platform="discord",state="reconnecting"\} (\d+)/m)).toBe(1);
    expect(logs.some((line) => line.level === 40 && line.change === "reconnecting" && line.code === 4000)).toBe(true);

    fake.releaseConnections();
    const again = await untilHealth("ok");
    expect(again.status).toBe(200);
    expect(again.body.platforms.discord).toEqual({ state: "connected", reason: null });
    expect(fake.resumes).toBe(1);
    expect(fake.identifies).toBe(1);
    expect(await metric(/^paperboy_platform_connection_changes_total\{platform="discord",state="resumed"\} (\d+)/m)).toBe(1);
    expect(await metric(/^paperboy_platform_connected\{platform="discord"\} (\d+)/m)).toBe(1);
    expect(logs.some((line) => line.level === 30 && line.change === "resumed")).toBe(true);

    const result = await fake.dispatchInteraction({ guildId: GUILD, channelId: CHANNEL, subcommand: "help" });
    expect(result.messages).toHaveLength(1);
  });
});
