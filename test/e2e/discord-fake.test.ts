/**
 * The fake Discord enforces what Discord would notify: a message that would ping anyone (by its content and
 * allowed_mentions, including the parse-everything default) is refused, so a test that forgets
 * `allowed_mentions: {parse: []}` fails. The real adapter's messages pass (discord-adapter.test.ts and
 * discord.test.ts send hostile text through it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord, wouldPing } from "./fakes/discord.js";

const GUILD = "160000000000000001";
const CHANNEL = "260000000000000001";

describe("fake Discord: mentions", () => {
  let fake: FakeDiscord;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, [CHANNEL]);
  });

  afterAll(async () => {
    await fake?.close();
  });

  async function create(body: Record<string, unknown>): Promise<{ status: number; json: { message?: string; errors?: { _errors: Array<{ message: string }> } } }> {
    const response = await fetch(`${fake.apiUrl}/v10/channels/${CHANNEL}/messages`, { method: "POST", headers: { authorization: `Bot ${fake.token}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: response.status, json: (await response.json()) as never };
  }
  const problems = (answer: Awaited<ReturnType<typeof create>>): string => (answer.json.errors?._errors ?? []).map((error) => error.message).join("; ");

  it("refuses a message that would ping everyone, users or roles, and records nothing", async () => {
    const before = fake.messagesIn(CHANNEL).length;
    const all = await create({ content: "hello @everyone and @here, <@123> <@!124> <@&456>", allowed_mentions: { parse: ["everyone", "users", "roles"] } });
    expect(all.status).toBe(400);
    expect(problems(all)).toContain("would ping @everyone, @here, user 123, user 124, role 456");
    const listed = await create({ content: "<@123> <@&456> <@789>", allowed_mentions: { parse: [], users: ["123"], roles: ["456"] } });
    expect(problems(listed)).toContain("would ping user 123, role 456");
    expect(fake.messagesIn(CHANNEL).length).toBe(before);
  });

  it("applies Discord's default when allowed_mentions is absent: everything parses", () => {
    expect(wouldPing({ content: "@everyone <@1> <@&2>" })).toEqual(["@everyone", "user 1", "role 2"]);
  });

  it("accepts inert text: parse [], mentions only in embeds, escaped or broken tokens", async () => {
    expect((await create({ content: "@everyone <@123> <@&456>", allowed_mentions: { parse: [] } })).status).toBe(200);
    expect((await create({ content: "see below", embeds: [{ title: "@everyone", description: "<@123>" }], allowed_mentions: { parse: ["everyone", "users"] } })).status).toBe(200);
    expect((await create({ content: "@\u200beveryone \\<@123>", allowed_mentions: { parse: ["everyone", "users"] } })).status).toBe(200);
  });
});
