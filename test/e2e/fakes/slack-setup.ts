/**
 * Shared set-up for the Slack end-to-end tests: the real app (createApp → the real Bolt app) in a temp
 * folder with a copy of the seeds and a temp SQLite file, pointed at a FakeSlack.
 */
import { rmSync } from "node:fs";
import { createApp, type App } from "../../../src/app.js";
import type { Config } from "../../../src/config.js";
import type { Message } from "../../../src/core/ports.js";
import type { Post } from "../../../src/core/post.js";
import { createInstallationStore } from "../../../src/platforms/slack/installation-store.js";
import { appTestConfig, testLogger } from "../../helpers/app-config.js";
import { digestMarkdown, type SyntheticPaper } from "../../helpers/synthetic-digest.js";
import type { FakeSlack, FakeTeam } from "./slack.js";


export interface SlackTestApp {
  app: App;
  config: Config;
  dir: string;
  clock: { now: () => Date; set(date: Date): void };
  close(): Promise<void>;
}

export async function startSlackTestApp(options: { fake: FakeSlack; slack: Record<string, unknown>; now: Date; installs?: FakeTeam[]; port?: number }): Promise<SlackTestApp> {
  const { dir, config } = appTestConfig("paperboy-slack-", { port: options.port ?? 0, slack: { apiUrl: options.fake.apiUrl, ...options.slack } });
  let now = options.now;
  const clock = { now: () => now, set: (date: Date) => void (now = date) };
  const logger = testLogger();
  const app = await createApp(config, { clock, logger, sleep: async () => undefined });
  const installations = createInstallationStore(app.store);
  for (const team of options.installs ?? []) {
    await installations.storeInstallation({
      team: { id: team.id, name: team.id },
      enterprise: undefined,
      user: { id: `U${team.id}INSTALLER`, token: undefined, scopes: undefined },
      bot: { token: team.botToken, scopes: [...team.scopes], id: team.botId, userId: team.botUserId },
      appId: "A0PAPERBOY",
      tokenType: "bot",
      isEnterpriseInstall: false,
      authVersion: "v2",
    });
  }
  await app.start();
  return {
    app,
    config,
    dir,
    clock,
    async close() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The text of every block of a reply or posted body, joined (for `toContain` assertions). */
export function textOf(body: unknown): string {
  const blocks = (body as { blocks?: unknown[] }).blocks ?? [];
  const out: string[] = [];
  for (const block of blocks as Array<Record<string, any>>) {
    if (block["text"]?.text) out.push(block["text"].text);
    for (const element of block["elements"] ?? []) if (element.text) out.push(element.text);
    for (const field of block["fields"] ?? []) if (field.text) out.push(field.text);
  }
  return out.join("\n");
}

export type { Message, Post };


export { digestMarkdown, type SyntheticPaper };
