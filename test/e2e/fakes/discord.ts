/**
 * A fake Discord for end-to-end tests: a real HTTP server (REST under /api/v10) and a real WebSocket
 * gateway on 127.0.0.1, enough for the real discord.js client to log in, receive guilds and interactions,
 * and send messages. It enforces what Discord enforces — bot auth, message and embed limits (400 / 50035),
 * nonces with enforce_nonce, per-channel rate limits with 429 + Retry-After headers, the 3-second
 * interaction window, command shapes — and records every request.
 *
 * The REST and gateway halves share the guild/interaction state, so they live in one class; payload shapes
 * are in discord-payloads.ts and the body checks in discord-validate.ts.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { BASIC_MEMBER, BOT_OK, componentPayload, fakeUser, guildPayload, interactionPayload, MANAGE_CHANNELS, messagePayload, type StoredMessage, type User } from "./discord-payloads.js";
import { unsendableOptions, validateCommands, validateMessage, wouldPing } from "./discord-validate.js";

export { BASIC_MEMBER, BOT_OK, MANAGE_CHANNELS, validateCommands, validateMessage, wouldPing };

export interface RecordedRequest {
  method: string;
  /** Path after /api/v10, without the query. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body: unknown;
  status: number;
}

export interface FakeMessage extends StoredMessage {
  body: Record<string, unknown>;
  /** Set for a message a person wrote (addUserMessage); the bot's own otherwise. */
  authorId?: string;
}

/**
 * An injected answer for the next message create. `posted: true` creates the message and still answers 5xx —
 * the response was lost, so the client's retry must not post it twice.
 */
export type Failure = { status: 429; retryAfterSeconds: number; global?: boolean } | { status: 500 | 502 | 503; posted?: boolean };

export interface InteractionInput {
  guildId: string | null;
  channelId: string;
  userId?: string;
  /** Member permissions in the channel (decimal bitfield string). Default: Manage Channels + basics. */
  permissions?: string;
  /** The app's permissions in the channel. Default: View Channel + Send Messages + Embed Links. */
  appPermissions?: string;
  subcommand: string;
  options?: Array<{ name: string; type: number; value: string | number | boolean; focused?: boolean }>;
  /** Dispatch an autocomplete interaction (type 4); resolves on the type-8 callback. */
  autocomplete?: boolean;
  /** Resolve once this many visible messages (reply, edited original, follow-ups) arrived. Default 1. */
  messages?: number;
}

/** A press of a button on one of the bot's messages (the message as the bot sent it: its body). */
export interface ButtonPressInput {
  guildId: string | null;
  channelId: string;
  userId?: string;
  permissions?: string;
  customId: string;
  /** The body of the message the button is on (content, embeds, components). */
  message: Record<string, unknown>;
  /** Whether that message was ephemeral (a command reply). Default true. */
  ephemeral?: boolean;
  messages?: number;
}

export interface InteractionResult {
  id: string;
  token: string;
  /** Callback types in order (4 reply, 5 deferred, 6 deferred update, 7 update, 8 autocomplete). */
  callbacks: number[];
  /** Visible messages in order: the reply or edited original first, then follow-ups. */
  messages: Array<{ via: "reply" | "update" | "edit" | "followup"; body: Record<string, unknown>; ephemeral: boolean }>;
  deferredEphemeral: boolean | null;
  choices: Array<{ name: string; value: string }> | null;
}

interface PendingInteraction {
  result: InteractionResult;
  createdAt: number;
  acknowledged: boolean;
  wanted: number;
  autocomplete: boolean;
  /** Set for a button press: whether the message the button is on is ephemeral. */
  /** The message a pressed button is on: an edit of it (type 6, then PATCH @original) changes only the fields it sends. */
  pressedOn?: { ephemeral: boolean; body: Record<string, unknown> };
  /** A button press answered with type 5: @original is then a new reply, not the pressed message. */
  deferredReply?: boolean;
  channelId: string;
  user: User;
  resolve: (result: InteractionResult) => void;
  /** Fails the test's dispatch at once when the fake refuses a reply (late, invalid), instead of hanging. */
  reject: (error: Error) => void;
}

interface FakeChannel {
  id: string;
  guildId: string;
  state: "ok" | "deleted" | "no-access" | "no-permission";
  /** A DM channel (no guild): the person it reaches. */
  dmWith?: string;
}


const EPOCH = 1420070400000n;
const NONCE_WINDOW_MS = 5 * 60_000;
const INTERACTION_WINDOW_MS = 3_000;

export class FakeDiscord {
  readonly token: string;
  readonly applicationId = "900000000000000001";
  readonly botUserId = "900000000000000002";
  readonly requests: RecordedRequest[] = [];
  readonly messages: FakeMessage[] = [];
  readonly commands = new Map<string, unknown[]>();
  /** Messages per channel per second before the fake answers 429 on its own. */
  rateLimit = { limit: 50, windowMs: 1000 };
  identifies = 0;
  /** Sessions resumed (op 6 answered with RESUMED). */
  resumes = 0;
  /**
   * The clock interactions are timed by (Discord answers 10062 Unknown interaction to a callback more than
   * 3 s after INTERACTION_CREATE). A self-test moves it forward to be late without sleeping.
   */
  now = (): number => Date.now();

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly guilds = new Map<string, { name: string; joined: boolean }>();
  private readonly channels = new Map<string, FakeChannel>();
  /** People the bot may DM (user id → whether they accept DMs from the bot). */
  private readonly users = new Map<string, { dmsOpen: boolean }>();
  private readonly dmChannels = new Map<string, string>();
  private readonly failures: Failure[] = [];
  private readonly nonces = new Map<string, { message: FakeMessage; at: number }>();
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly interactions = new Map<string, PendingInteraction>();
  private readonly interactionsByToken = new Map<string, string>();
  private readyWaiters: Array<() => void> = [];
  private readonly sessions = new Set<string>();
  /** Channels where the bot lacks Read Message History: GET messages answers 403. */
  private readonly historyHidden = new Set<string>();
  /** Upgrades held back while the gateway is "unreachable" (see holdConnections). */
  private held: Array<() => void> | null = null;
  private seq = 0;
  private idCounter = 0n;
  private port = 0;

  private constructor(token: string) {
    this.token = token;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/gateway")) return socket.destroy();
      const accept = (): void => this.wss.handleUpgrade(req, socket, head, (ws) => this.onSocket(ws));
      if (this.held) this.held.push(accept);
      else accept();
    });
  }

  static async start(token = "fake-bot-token"): Promise<FakeDiscord> {
    const fake = new FakeDiscord(token);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    this.releaseConnections();
    for (const socket of this.sockets) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------ test controls

  /** A guild the bot is in, with text channels. Dispatches GUILD_CREATE when a client is connected. */
  addGuild(id: string, channelIds: string[], name = `guild ${id}`): void {
    this.guilds.set(id, { name, joined: true });
    for (const channel of channelIds) this.channels.set(channel, { id: channel, guildId: id, state: "ok" });
    this.dispatch("GUILD_CREATE", this.guildPayloadOf(id));
  }

  /** The bot was removed from the guild: GUILD_DELETE without `unavailable`. */
  removeGuild(id: string): void {
    const guild = this.guilds.get(id);
    if (guild) guild.joined = false;
    for (const channel of this.channels.values()) if (channel.guildId === id) channel.state = "no-access";
    this.dispatch("GUILD_DELETE", { id });
  }

  setChannelState(id: string, state: FakeChannel["state"]): void {
    const channel = this.channels.get(id);
    if (!channel) throw new Error(`fake discord: no channel ${id}`);
    channel.state = state;
  }

  /** A person the bot shares a server with; `dmsOpen: false` = they closed DMs (sends answer 403 50007). */
  addUser(id: string, options: { dmsOpen?: boolean } = {}): void {
    this.users.set(id, { dmsOpen: options.dmsOpen ?? true });
  }

  setDmsOpen(id: string, open: boolean): void {
    const user = this.users.get(id);
    if (!user) throw new Error(`fake discord: no user ${id}`);
    user.dmsOpen = open;
  }

  /** The DM channel created for a user (undefined until the bot asked for it). */
  dmChannelOf(userId: string): string | undefined {
    return this.dmChannels.get(userId);
  }

  /** Discord's nonce window ran out: a repeated nonce creates a new message again. */
  forgetNonces(): void {
    this.nonces.clear();
  }

  /** Without Read Message History in a channel, listing its messages answers 403 Missing Access. */
  hideHistory(channelId: string): void {
    this.historyHidden.add(channelId);
  }

  /** A message a person wrote in a channel (history shows it next to the bot's). */
  addUserMessage(channelId: string, body: Record<string, unknown>, authorId = "800000000000000077"): FakeMessage {
    const message = this.storeMessage(channelId, body);
    message.authorId = authorId;
    return message;
  }

  /** The next message creates answer with these failures, in order. */
  failNext(count: number, failure: Failure): void {
    for (let i = 0; i < count; i += 1) this.failures.push(failure);
  }

  messagesIn(channelId: string): FakeMessage[] {
    return this.messages.filter((message) => message.channel_id === channelId);
  }

  /**
   * Closes every gateway connection with this close code, as Discord does (4000 "Unknown error" and most
   * 4xxx codes are resumable: https://discord.com/developers/docs/topics/opcodes-and-status-codes#gateway-gateway-close-event-codes).
   */
  closeGateway(code: number, reason = "fake close"): void {
    for (const socket of this.sockets) socket.close(code, reason);
  }

  /** New gateway connections wait (as if Discord were unreachable) until releaseConnections(). */
  holdConnections(): void {
    this.held ??= [];
  }

  releaseConnections(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const accept of held) accept();
  }

  /** Resolves once a client has identified and received READY (immediately if one has). */
  whenReady(): Promise<void> {
    if (this.identifies > 0) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /**
   * Dispatches a /papers interaction as a Discord client would send it. Once the command is registered (in
   * the guild or globally), only what the client can send is accepted: known subcommands and options, and
   * only the offered choices — an option the registration forgot to offer is a test failure here.
   */
  dispatchInteraction(input: InteractionInput): Promise<InteractionResult> {
    const registered = (this.commands.get(input.guildId ?? "") ?? this.commands.get("global")) as Array<{ name: string; options?: Array<Record<string, unknown>> }> | undefined;
    const command = registered?.find((c) => c.name === "papers");
    if (command !== undefined) {
      const errors = unsendableOptions(command, input.subcommand, input.options ?? [], input.autocomplete ?? false);
      if (errors.length > 0) return Promise.reject(new Error(`a Discord client cannot send this: ${errors.join("; ")}`));
    }
    const id = this.nextId();
    const token = `itoken-${randomBytes(12).toString("hex")}`;
    const result: InteractionResult = { id, token, callbacks: [], messages: [], deferredEphemeral: null, choices: null };
    const user = fakeUser(input.userId ?? "800000000000000001");
    const payload = interactionPayload({
      id,
      token,
      applicationId: this.applicationId,
      guildId: input.guildId,
      channelId: input.channelId,
      user,
      permissions: input.permissions ?? (MANAGE_CHANNELS | BASIC_MEMBER).toString(),
      appPermissions: input.appPermissions ?? BOT_OK.toString(),
      autocomplete: input.autocomplete ?? false,
      subcommand: input.subcommand,
      options: input.options ?? [],
    });
    return new Promise((resolve, reject) => {
      this.interactions.set(id, { result, createdAt: this.now(), acknowledged: false, wanted: input.messages ?? 1, autocomplete: input.autocomplete ?? false, channelId: input.channelId, user, resolve, reject });
      this.interactionsByToken.set(token, id);
      this.dispatch("INTERACTION_CREATE", payload);
    });
  }

  /**
   * Presses a button (MESSAGE_COMPONENT interaction) on a message of the bot's; resolves once `messages`
   * visible answers (an update of that message, an edit after a deferred update, a reply) arrived.
   */
  pressButton(input: ButtonPressInput): Promise<InteractionResult> {
    const id = this.nextId();
    const token = `itoken-${randomBytes(12).toString("hex")}`;
    const result: InteractionResult = { id, token, callbacks: [], messages: [], deferredEphemeral: null, choices: null };
    const user = fakeUser(input.userId ?? "800000000000000001");
    const ephemeral = input.ephemeral ?? true;
    const pressed = this.storeMessage(input.channelId, { ...input.message, flags: ephemeral ? 64 : 0 }, false);
    const payload = componentPayload({
      id,
      token,
      applicationId: this.applicationId,
      guildId: input.guildId,
      channelId: input.channelId,
      user,
      permissions: input.permissions ?? BASIC_MEMBER.toString(),
      appPermissions: BOT_OK.toString(),
      customId: input.customId,
      message: { ...this.messageJson(pressed), components: input.message.components ?? [] },
    });
    return new Promise((resolve, reject) => {
      this.interactions.set(id, { result, createdAt: this.now(), acknowledged: false, wanted: input.messages ?? 1, autocomplete: false, pressedOn: { ephemeral, body: input.message }, channelId: input.channelId, user, resolve, reject });
      this.interactionsByToken.set(token, id);
      this.dispatch("INTERACTION_CREATE", payload);
    });
  }

  // ------------------------------------------------------------ gateway

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    ws.on("message", (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> | null };
      if (packet.op === 1) ws.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      else if (packet.op === 2) this.onIdentify(ws, packet.d ?? {});
      else if (packet.op === 6) this.onResume(ws, packet.d ?? {});
    });
  }

  private onIdentify(ws: WebSocket, d: Record<string, unknown>): void {
    if (d.token !== this.token) return ws.close(4004, "Authentication failed.");
    if (typeof d.intents !== "number") return ws.close(4013, "Invalid intent(s).");
    this.identifies += 1;
    const joined = [...this.guilds].filter(([, guild]) => guild.joined).map(([id]) => id);
    const sessionId = randomBytes(8).toString("hex");
    this.sessions.add(sessionId);
    this.sendDispatch(ws, "READY", {
      v: 10,
      user: { id: this.botUserId, username: "paperboy", discriminator: "0", global_name: null, avatar: null, bot: true, flags: 0 },
      guilds: joined.map((id) => ({ id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    });
    for (const id of joined) this.sendDispatch(ws, "GUILD_CREATE", this.guildPayloadOf(id));
    for (const waiter of this.readyWaiters.splice(0)) waiter();
  }

  /** A known session with the right token resumes (RESUMED); anything else must identify again (op 9). */
  private onResume(ws: WebSocket, d: Record<string, unknown>): void {
    if (d.token !== this.token || typeof d.session_id !== "string" || !this.sessions.has(d.session_id)) {
      ws.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
      return;
    }
    this.resumes += 1;
    this.sendDispatch(ws, "RESUMED", {});
  }

  private dispatch(type: string, data: unknown): void {
    for (const ws of this.sockets) this.sendDispatch(ws, type, data);
  }

  private sendDispatch(ws: WebSocket, type: string, data: unknown): void {
    this.seq += 1;
    ws.send(JSON.stringify({ op: 0, t: type, s: this.seq, d: data }));
  }

  private guildPayloadOf(id: string): Record<string, unknown> {
    const channels = [...this.channels.values()].filter((c) => c.guildId === id && c.state !== "deleted").map((c) => c.id);
    return guildPayload(id, this.guilds.get(id)?.name ?? id, channels);
  }

  // ------------------------------------------------------------ REST

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const raw = await readBody(req);
    let body: unknown = null;
    if (raw !== "") {
      try {
        body = JSON.parse(raw);
      } catch (error) {
        return this.reply(res, req, url, null, 400, { code: 50109, message: `The request body contains invalid JSON. (${String(error)})` });
      }
    }
    const path = decodeURIComponent(url.pathname).replace(/^\/api\/v10/, "");
    if (!url.pathname.startsWith("/api/v10/")) return this.reply(res, req, url, body, 404, { code: 0, message: "404: Not Found" });
    const route = this.route(req.method ?? "GET", path, url, body, req.headers.authorization);
    return this.reply(res, req, url, body, route.status, route.json, route.headers);
  }

  private route(method: string, path: string, url: URL, body: unknown, auth: string | undefined): Answer {
    const authed = auth === `Bot ${this.token}`;
    const unauthorized: Answer = { status: 401, json: { code: 0, message: "401: Unauthorized" } };
    let m: RegExpExecArray | null;
    if (method === "GET" && path === "/gateway/bot") {
      if (!authed) return unauthorized;
      return { status: 200, json: { url: `ws://127.0.0.1:${this.port}/gateway`, shards: 1, session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 } } };
    }
    if (method === "GET" && path === "/users/@me") {
      if (!authed) return unauthorized;
      return { status: 200, json: this.botUser() };
    }
    if (method === "POST" && path === "/users/@me/channels") {
      if (!authed) return unauthorized;
      return this.createDm(body);
    }
    if (method === "GET" && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (!authed) return unauthorized;
      return this.listMessages(m[1]!, url.searchParams);
    }
    if (method === "POST" && (m = /^\/channels\/(\d+)\/messages$/.exec(path))) {
      if (!authed) return unauthorized;
      return this.createMessage(m[1]!, body);
    }
    if (method === "POST" && (m = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(path))) return this.refusal(m[1]!, this.callback(m[1]!, m[2]!, body, url));
    if (method === "PATCH" && (m = /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/.exec(path))) return this.refusal(this.interactionsByToken.get(m[2]!), this.webhookMessage(m[1]!, m[2]!, body, "edit"));
    if (method === "POST" && (m = /^\/webhooks\/(\d+)\/([^/]+)$/.exec(path))) return this.refusal(this.interactionsByToken.get(m[2]!), this.webhookMessage(m[1]!, m[2]!, body, "followup"));
    if (method === "PUT" && (m = /^\/applications\/(\d+)(?:\/guilds\/(\d+))?\/commands$/.exec(path))) {
      if (!authed) return unauthorized;
      if (m[1] !== this.applicationId) return { status: 403, json: { code: 50001, message: "Missing Access" } };
      if (m[2] !== undefined && !this.guilds.get(m[2])?.joined) return { status: 403, json: { code: 50001, message: "Missing Access" } };
      const errors = validateCommands(body);
      if (errors.length > 0) return invalidForm(errors);
      const stored = (body as Array<Record<string, unknown>>).map((command) => ({ ...command, id: this.nextId(), application_id: this.applicationId, version: this.nextId(), type: command.type ?? 1 }));
      this.commands.set(m[2] ?? "global", stored);
      return { status: 200, json: stored };
    }
    return { status: 404, json: { code: 0, message: "404: Not Found" } };
  }

  /**
   * POST /users/@me/channels {recipient_id}: the (one, stable) DM channel with a user. Creating it works
   * even when the user closed DMs — Discord only refuses the message (50007).
   * https://discord.com/developers/docs/resources/user#create-dm
   */
  private createDm(body: unknown): Answer {
    const recipient = (body as { recipient_id?: unknown } | null)?.recipient_id;
    if (typeof recipient !== "string" || !/^\d{17,20}$/.test(recipient)) return invalidForm(["recipient_id: Value \"" + String(recipient) + "\" is not snowflake."]);
    if (!this.users.has(recipient)) return { status: 400, json: { code: 50033, message: "Invalid Recipient(s)" } };
    let id = this.dmChannels.get(recipient);
    if (!id) {
      id = this.nextId();
      this.dmChannels.set(recipient, id);
      this.channels.set(id, { id, guildId: "", state: "ok", dmWith: recipient });
    }
    return { status: 200, json: { id, type: 1, last_message_id: null, flags: 0, recipients: [fakeUser(recipient)] } };
  }

  private createMessage(channelId: string, body: unknown): Answer {
    const channel = this.channels.get(channelId);
    if (!channel || channel.state === "deleted") return { status: 404, json: { code: 10003, message: "Unknown Channel" } };
    if (channel.dmWith !== undefined && !this.users.get(channel.dmWith)?.dmsOpen) return { status: 403, json: { code: 50007, message: "Cannot send messages to this user" } };
    if (channel.state === "no-access" || (channel.dmWith === undefined && !this.guilds.get(channel.guildId)?.joined)) return { status: 403, json: { code: 50001, message: "Missing Access" } };
    if (channel.state === "no-permission") return { status: 403, json: { code: 50013, message: "Missing Permissions" } };

    const failure = this.failures.shift();
    if (failure?.status === 429) return rateLimited(failure.retryAfterSeconds, failure.global ?? false);
    if (failure && !failure.posted) return { status: failure.status, json: { code: 0, message: `${failure.status}: Server Error` } };

    const now = Date.now();
    const window = this.windows.get(channelId);
    const current = window && now - window.start < this.rateLimit.windowMs ? window : { start: now, count: 0 };
    this.windows.set(channelId, current);
    if (current.count >= this.rateLimit.limit) return rateLimited((this.rateLimit.windowMs - (now - current.start)) / 1000, false);

    const errors = [...validateMessage(body, true), ...pingErrors(body)];
    if (errors.length > 0) return invalidForm(errors);
    const data = body as Record<string, unknown>;
    const nonce = typeof data.nonce === "string" || typeof data.nonce === "number" ? String(data.nonce) : undefined;
    const seen = nonce === undefined ? undefined : this.nonces.get(`${channelId}:${nonce}`);
    if (data.enforce_nonce === true && seen && now - seen.at < NONCE_WINDOW_MS) return { status: 200, json: this.messageJson(seen.message), headers: this.bucketHeaders(current) };

    current.count += 1;
    const message = this.storeMessage(channelId, data);
    if (nonce !== undefined) this.nonces.set(`${channelId}:${nonce}`, { message, at: now });
    if (failure) return { status: failure.status, json: { code: 0, message: `${failure.status}: Server Error` } };
    return { status: 200, json: this.messageJson(message), headers: this.bucketHeaders(current) };
  }

  /** GET /channels/{id}/messages: newest first, `limit` 1-100 (default 50), `before` / `after` by id. */
  private listMessages(channelId: string, query: URLSearchParams): Answer {
    const channel = this.channels.get(channelId);
    if (!channel || channel.state === "deleted") return { status: 404, json: { code: 10003, message: "Unknown Channel" } };
    if (channel.state === "no-access" || this.historyHidden.has(channelId)) return { status: 403, json: { code: 50001, message: "Missing Access" } };
    const limit = Number(query.get("limit") ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return invalidForm(["limit: int between 1 and 100"]);
    const before = query.get("before");
    const after = query.get("after");
    const listed = this.messagesIn(channelId)
      .filter((message) => (before === null || BigInt(message.id) < BigInt(before)) && (after === null || BigInt(message.id) > BigInt(after)))
      .toReversed()
      .slice(0, limit);
    return { status: 200, json: listed.map((message) => this.messageJson(message)) };
  }

  private bucketHeaders(window: { start: number; count: number }): Record<string, string> {
    const resetAfter = Math.max(0, this.rateLimit.windowMs - (Date.now() - window.start)) / 1000;
    return {
      "x-ratelimit-limit": String(this.rateLimit.limit),
      "x-ratelimit-remaining": String(Math.max(0, this.rateLimit.limit - window.count)),
      "x-ratelimit-reset-after": resetAfter.toFixed(3),
      "x-ratelimit-bucket": "fake-channel-messages",
    };
  }

  /** A refused reply fails the test's dispatchInteraction at once, with Discord's answer as the reason. */
  private refusal(id: string | undefined, answer: Answer): Answer {
    const pending = id === undefined ? undefined : this.interactions.get(id);
    if (pending && answer.status >= 400) pending.reject(new Error(`fake Discord refused a reply to interaction ${id}: ${answer.status} ${JSON.stringify(answer.json)}`));
    return answer;
  }

  private callback(id: string, token: string, body: unknown, url: URL): Answer {
    const pending = this.interactions.get(id);
    if (!pending || pending.result.token !== token) return { status: 404, json: { code: 10062, message: "Unknown interaction" } };
    if (this.now() - pending.createdAt > INTERACTION_WINDOW_MS) return { status: 404, json: { code: 10062, message: "Unknown interaction" } };
    if (pending.acknowledged) return { status: 400, json: { code: 40060, message: "Interaction has already been acknowledged." } };
    const data = body as { type?: number; data?: Record<string, unknown> } | null;
    const type = data?.type;
    if (type === 4) {
      const errors = [...validateMessage(data?.data, true), ...pingErrors(data?.data)];
      if (errors.length > 0) return invalidForm(errors);
      pending.result.messages.push({ via: "reply", body: data!.data!, ephemeral: ((Number(data!.data!.flags ?? 0) & 64) !== 0) });
    } else if (type === 5) {
      pending.result.deferredEphemeral = (Number(data?.data?.flags ?? 0) & 64) !== 0;
      if (pending.pressedOn) pending.deferredReply = true;
    } else if ((type === 6 || type === 7) && pending.pressedOn) {
      // Update the message the button is on: now (7) or by editing @original later (6).
      if (type === 7) {
        const errors = [...validateMessage(data?.data, true), ...pingErrors(data?.data)];
        if (errors.length > 0) return invalidForm(errors);
        pending.result.messages.push({ via: "update", body: data!.data!, ephemeral: pending.pressedOn.ephemeral });
      }
    } else if (type === 8 && pending.autocomplete) {
      const choices = (data?.data?.choices ?? []) as Array<{ name: string; value: string }>;
      if (!Array.isArray(choices) || choices.length > 25 || choices.some((c) => typeof c.name !== "string" || c.name.length < 1 || c.name.length > 100 || String(c.value).length > 100)) {
        return invalidForm(["data.choices: at most 25 choices, names and values 1-100 characters"]);
      }
      pending.result.choices = choices;
    } else {
      return invalidForm([`type: unsupported callback type ${String(type)}`]);
    }
    pending.acknowledged = true;
    pending.result.callbacks.push(type);
    this.settle(pending);
    if (url.searchParams.get("with_response") === "true") return { status: 200, json: { interaction: { id, type: 2 }, resource: { type } } };
    return { status: 204, json: null };
  }

  private webhookMessage(app: string, token: string, body: unknown, via: "edit" | "followup"): Answer {
    const id = this.interactionsByToken.get(token);
    const pending = id === undefined ? undefined : this.interactions.get(id);
    if (app !== this.applicationId || !pending) return { status: 404, json: { code: 10015, message: "Unknown Webhook" } };
    if (!pending.acknowledged) return { status: 404, json: { code: 10008, message: "Unknown Message" } };
    // Editing the pressed message (not a deferred reply) keeps the fields the edit leaves out, as Discord does.
    const editsPressed = via === "edit" && pending.pressedOn !== undefined && !pending.deferredReply && body !== null && typeof body === "object";
    const merged = editsPressed ? { ...pending.pressedOn!.body, ...(body as Record<string, unknown>) } : body;
    const errors = [...validateMessage(merged, true), ...pingErrors(body)];
    if (errors.length > 0) return invalidForm(errors);
    const data = merged as Record<string, unknown>;
    const ephemeral = via === "edit" && pending.pressedOn && !pending.deferredReply ? pending.pressedOn.ephemeral : via === "edit" ? pending.result.deferredEphemeral ?? pending.result.messages[0]?.ephemeral ?? false : (Number(data.flags ?? 0) & 64) !== 0;
    pending.result.messages.push({ via, body: data, ephemeral });
    this.settle(pending);
    const message = this.storeMessage(pending.channelId, data, false);
    return { status: 200, json: { ...this.messageJson(message), webhook_id: this.applicationId, application_id: this.applicationId, interaction: { id: pending.result.id, type: 2, name: "papers", user: pending.user }, interaction_metadata: { id: pending.result.id, type: 2, user: pending.user, authorizing_integration_owners: {} } } };
  }

  private settle(pending: PendingInteraction): void {
    const done = pending.autocomplete ? pending.result.choices !== null : pending.result.messages.length >= pending.wanted;
    if (done) pending.resolve(pending.result);
  }

  private storeMessage(channelId: string, data: Record<string, unknown>, record = true): FakeMessage {
    const message: FakeMessage = {
      id: this.nextId(),
      channel_id: channelId,
      content: typeof data.content === "string" ? data.content : "",
      embeds: (data.embeds as FakeMessage["embeds"] | undefined) ?? [],
      flags: Number(data.flags ?? 0),
      body: data,
    };
    if (data.nonce !== undefined) message.nonce = String(data.nonce);
    if (record) this.messages.push(message);
    return message;
  }

  private botUser(): User {
    return { id: this.botUserId, username: "paperboy", discriminator: "0", global_name: null, avatar: null, bot: true };
  }

  private messageJson(message: FakeMessage): Record<string, unknown> {
    const json = messagePayload(message, message.authorId ? fakeUser(message.authorId) : this.botUser());
    const reference = message.body.message_reference as { message_id?: string } | undefined;
    return reference?.message_id ? { ...json, message_reference: { type: 0, message_id: reference.message_id, channel_id: message.channel_id } } : json;
  }

  private nextId(): string {
    this.idCounter += 1n;
    return (((BigInt(Date.now()) - EPOCH) << 22n) + (this.idCounter % 4096n)).toString();
  }

  private reply(res: ServerResponse, req: IncomingMessage, url: URL, body: unknown, status: number, json: unknown, headers: Record<string, string> = {}): void {
    if (process.env.FAKE_DISCORD_DEBUG) console.log(req.method, url.pathname, status, JSON.stringify(json).slice(0, 300));
    this.requests.push({ method: req.method ?? "GET", path: url.pathname.replace(/^\/api\/v10/, ""), query: url.searchParams, authorization: req.headers.authorization, body, status });
    // A 204 must not claim a JSON body: discord.js would try to parse the empty response.
    if (status === 204) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(json));
  }
}

interface Answer {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

function rateLimited(retryAfterSeconds: number, global: boolean): Answer {
  const seconds = Math.max(0.001, retryAfterSeconds);
  const headers: Record<string, string> = {
    "retry-after": seconds.toFixed(3),
    "x-ratelimit-limit": "5",
    "x-ratelimit-remaining": "0",
    "x-ratelimit-reset-after": seconds.toFixed(3),
    "x-ratelimit-bucket": "fake-channel-messages",
    "x-ratelimit-scope": global ? "global" : "user",
  };
  if (global) headers["x-ratelimit-global"] = "true";
  return { status: 429, json: { message: "You are being rate limited.", retry_after: seconds, global }, headers };
}

/** Discord would notify these people; the fake refuses to record such a message so the test sees it. */
function pingErrors(body: unknown): string[] {
  const pings = wouldPing(body);
  return pings.length === 0 ? [] : [`fake Discord: this message would ping ${pings.join(", ")} (check allowed_mentions)`];
}

function invalidForm(errors: string[]): Answer {
  return { status: 400, json: { code: 50035, message: "Invalid Form Body", errors: { _errors: errors.map((message) => ({ code: "BASE_TYPE_INVALID", message })) } } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
