/**
 * /healthz during start-up: the real app and discord.js client against the fake Discord, whose gateway
 * is held (as if Discord were unreachable) so the platform cannot connect yet. The endpoint must answer
 * all the same — an orchestrator probing a service stuck reconnecting needs a 503, not a refused connection.
 */
import { rmSync } from "node:fs";
import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { openStore } from "../../src/store/open-store.js";
import { appTestConfig, testLogger } from "../helpers/app-config.js";
import { freePort } from "../helpers/free-port.js";
import { FakeDiscord } from "./fakes/discord.js";

const GUILD = "160000000000000001";
const CHANNEL = "260000000000000001";

type Health = { status: number; body: { status: string; platforms: Record<string, { state: string; reason: string | null }> } };

/** /healthz, or null while nothing listens on the port. */
async function health(base: string): Promise<Health | null> {
  const response = await fetch(`${base}/healthz`).catch((error: unknown) => (String((error as { cause?: unknown }).cause).includes("ECONNREFUSED") ? null : Promise.reject(error)));
  return response ? { status: response.status, body: (await response.json()) as Health["body"] } : null;
}

/** Polls until /healthz answers with `status` (bounded by the loop and the test timeout). */
async function until(base: string, status: string): Promise<Health | null> {
  let last = await health(base);
  for (let i = 0; i < 500 && last?.body.status !== status; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    last = await health(base);
  }
  return last;
}

/** Whether something listens on the port: a server of our own can take it only when it is free. */
async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

describe("/healthz while Discord's gateway is still connecting at start-up", () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setUp(token?: string): Promise<{ fake: FakeDiscord; app: App; port: number; base: string }> {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.close());
    fake.addGuild(GUILD, [CHANNEL]);
    const port = await freePort();
    const prepared = appTestConfig("paperboy-start-health-", { port, discord: { token: token ?? fake.token, applicationId: fake.applicationId, apiUrl: fake.apiUrl } });
    cleanup.push(() => rmSync(prepared.dir, { recursive: true, force: true }));
    const app = await createApp(prepared.config, { logger: testLogger(), store: await openStore(prepared.config.db), sleep: async () => undefined });
    return { fake, app, port, base: `http://127.0.0.1:${port}` };
  }

  it("answers 503 starting before the gateway connects, and 200 ok once it has", async () => {
    const { fake, app, base } = await setUp();
    fake.holdConnections();
    const started = app.start();
    cleanup.push(() => app.stop());

    const early = await until(base, "starting");
    expect(early?.status).toBe(503);
    expect(early?.body.platforms.discord?.state).not.toBe("connected");
    expect(fake.identifies).toBe(0);

    fake.releaseConnections();
    await started;
    const up = await until(base, "ok");
    expect(up?.status).toBe(200);
    expect(up?.body.platforms).toEqual({ discord: { state: "connected", reason: null } });
  });

  it("frees the port when a platform fails to start, and stop() frees it after a normal start", async () => {
    const refused = await setUp("not-the-bot-token");
    await expect(refused.app.start()).rejects.toBeDefined();
    expect(await portIsFree(refused.port)).toBe(true);
    await refused.app.stop();

    const normal = await setUp();
    await normal.app.start();
    expect((await health(normal.base))?.status).toBe(200);
    await normal.app.stop();
    expect(await portIsFree(normal.port)).toBe(true);
  });
});
