/**
 * The fake Discord enforces what Discord would notify: a message that would ping anyone (by its content and
 * allowed_mentions, including the parse-everything default) is refused, so a test that forgets
 * `allowed_mentions: {parse: []}` fails. The real adapter's messages pass (discord-adapter.test.ts and
 * discord.test.ts send hostile text through it). And an interaction (a button press: MESSAGE_COMPONENT)
 * must be answered within 3 s of INTERACTION_CREATE, or Discord answers 10062 Unknown interaction.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
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

describe("fake Discord: a button press is answered within 3 s", () => {
  let fake: FakeDiscord;
  let gateway: WebSocket;
  /** INTERACTION_CREATE payloads the raw gateway client received, and who waits for the next one. */
  const received: Array<{ id: string; token: string; type: number }> = [];
  let waiter: (() => void) | null = null;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.addGuild(GUILD, [CHANNEL]);
    // A bare gateway client, so the test decides when (and whether) the interaction is answered.
    gateway = new WebSocket(`ws://127.0.0.1:${new URL(fake.apiUrl).port}/gateway`);
    gateway.on("message", (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; t: string | null; d: { id: string; token: string; type: number } };
      if (packet.op === 10) gateway.send(JSON.stringify({ op: 2, d: { token: fake.token, intents: 0, properties: {} } }));
      if (packet.t === "INTERACTION_CREATE") {
        received.push(packet.d);
        waiter?.();
      }
    });
    await fake.whenReady();
  });

  afterAll(async () => {
    gateway?.close();
    await fake?.close();
  });

  async function press(): Promise<{ pressed: Promise<unknown>; interaction: { id: string; token: string; type: number } }> {
    const before = received.length;
    const arrived = new Promise<void>((resolve) => (waiter = resolve));
    const pressed = fake.pressButton({ guildId: GUILD, channelId: CHANNEL, customId: "vote:2601.00001:up", message: { content: "a card", components: [] }, ephemeral: false });
    pressed.catch(() => undefined); // inspected below; a refusal must not surface as unhandled first
    if (received.length === before) await arrived;
    return { pressed, interaction: received[before]! };
  }

  const answer = (interaction: { id: string; token: string }) =>
    fetch(`${fake.apiUrl}/v10/interactions/${interaction.id}/${interaction.token}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: 4, data: { content: "Noted", flags: 64, allowed_mentions: { parse: [] } } }),
    });

  it("refuses an answer more than 3 s after the press with 10062 Unknown interaction, and accepts one in time", async () => {
    const late = await press();
    expect(late.interaction.type).toBe(3); // MESSAGE_COMPONENT
    fake.now = () => Date.now() + 3_001;
    try {
      const refused = await answer(late.interaction);
      expect(refused.status).toBe(404);
      expect(await refused.json()).toMatchObject({ code: 10062, message: "Unknown interaction" });
      await expect(late.pressed).rejects.toThrow(/10062/);
    } finally {
      fake.now = () => Date.now();
    }
    const onTime = await press();
    expect((await answer(onTime.interaction)).status).toBe(204);
    await expect(onTime.pressed).resolves.toMatchObject({ callbacks: [4], messages: [{ via: "reply", ephemeral: true }] });
  });
});
