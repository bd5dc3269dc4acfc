/**
 * A fake Slack on 127.0.0.1: the Web API (`POST /api/<method>`), Socket Mode (a `ws` server at /socket) and
 * response_url endpoints, enforcing what Slack enforces (tokens, channel membership, Block Kit limits, the
 * 12k block text total, response_url use limits) and recording every request.
 * See /work/shared/docs/PLATFORMS.md ("Running Bolt against a fake").
 */
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";
import { FAKE_LIMITS, validateBlocks, validateMessage } from "./slack-validate.js";
import { INTERACTION_ACK_MS, postedButtonPayload } from "./slack-buttons.js";

type Json = Record<string, unknown>;

export interface FakeTeam {
  id: string;
  botToken: string;
  botUserId: string;
  botId: string;
  scopes: Set<string>;
}

export interface FakeChannel {
  team: string;
  id: string;
  /** Whether the bot is a member. */
  member: boolean;
  archived: boolean;
}

export interface FakeMessage {
  team: string;
  channel: string;
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: unknown[];
  metadata: { event_type: string; event_payload: Json } | null;
  body: Json;
}

export interface RecordedRequest {
  method: string;
  headers: IncomingMessage["headers"];
  body: Json;
  status: number;
  /** Slack's `error` when the answer was ok:false (or an injected failure). */
  error: string | null;
}

/** An injected failure. `posted: true` on a 5xx: Slack took the message but the answer was lost. */
export type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503; posted?: boolean } | { error: string };

export interface Reply {
  body: Json;
}

interface ResponseUrl {
  replies: Reply[];
  uses: number;
  createdAt: number;
  waiters: Array<{ count: number; resolve: () => void }>;
}

const DEFAULT_SCOPES = ["commands", "chat:write", "channels:history", "groups:history"];
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
/** Guard against a hung test, not a timed assertion. */
const WAIT_LIMIT_MS = 10_000;

export class FakeSlack {
  readonly requests: RecordedRequest[] = [];
  readonly messages: FakeMessage[] = [];
  readonly acks: Array<{ envelope_id: string; payload?: unknown }> = [];
  /** Envelope acks and response_url replies in arrival order ("ack <envelope id>", "reply <url id>"). */
  readonly timeline: string[] = [];
  /** The clock envelope acks are timed by (3 s for slash commands and interactions); self-tests move it to be late without sleeping. */
  now = (): number => Date.now();
  private readonly teams = new Map<string, FakeTeam>();
  private readonly channels = new Map<string, FakeChannel>();
  /** People per team ("T1/U123"), for conversations.open. */
  private readonly users = new Map<string, { deleted: boolean }>();
  private readonly appTokens = new Set<string>();
  private readonly oauthCodes = new Map<string, string>();
  private oauthClient: { id: string; secret: string } | null = null;
  private readonly failures: Array<{ method: string; failure: Failure }> = [];
  private readonly responseUrls = new Map<string, ResponseUrl>();
  private readonly sockets = new Set<WebSocket>();
  private readonly ackWaiters = new Map<string, () => void>();
  /** response_url id → the posted message whose button was pressed (replace_original replaces it). */
  private readonly pressedMessages = new Map<string, FakeMessage>();
  private connectionWaiters: Array<() => void> = [];
  private tsCounter = 0;
  private pinger: NodeJS.Timeout | null = null;

  private constructor(
    private readonly server: Server,
    private readonly wss: WebSocketServer,
  ) {}

  static async start(): Promise<FakeSlack> {
    const server = createServer();
    const wss = new WebSocketServer({ noServer: true });
    const fake = new FakeSlack(server, wss);
    server.on("request", (req, res) => void fake.onRequest(req, res));
    server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket")) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => fake.onSocket(ws));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    // Slack pings Socket Mode clients; the SDK reconnects when pings stop (serverPingTimeout, 30 s).
    fake.pinger = setInterval(() => fake.sockets.forEach((ws) => ws.ping()), 5_000);
    fake.pinger.unref();
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  // ------------------------------------------------------------ test controls

  addTeam(id: string, options: { botToken?: string; scopes?: string[] } = {}): FakeTeam {
    const team: FakeTeam = { id, botToken: options.botToken ?? `xoxb-${id}-${randomUUID().slice(0, 8)}`, botUserId: `U${id}BOT`, botId: `B${id}`, scopes: new Set(options.scopes ?? DEFAULT_SCOPES) };
    this.teams.set(id, team);
    return team;
  }

  addAppToken(token = `xapp-1-${randomUUID().slice(0, 8)}`): string {
    this.appTokens.add(token);
    return token;
  }

  /** The app's OAuth client credentials, as oauth.v2.access checks them. */
  setOAuthClient(id: string, secret: string): void {
    this.oauthClient = { id, secret };
  }

  /** A one-time code that Slack would hand the redirect URL after a user approved the install in `team`. */
  addOAuthCode(team: string): string {
    const code = `code-${randomUUID().slice(0, 8)}`;
    this.oauthCodes.set(code, team);
    return code;
  }

  addChannel(team: string, id: string, options: { member?: boolean; archived?: boolean } = {}): FakeChannel {
    const channel: FakeChannel = { team, id, member: options.member ?? true, archived: options.archived ?? false };
    this.channels.set(`${team}/${id}`, channel);
    return channel;
  }

  /** A person in `team`: conversations.open can open the app's DM with them (`deleted`: user_disabled). */
  addUser(team: string, id: string, options: { deleted?: boolean } = {}): void {
    this.users.set(`${team}/${id}`, { deleted: options.deleted ?? false });
  }

  /** The id of the app's DM channel with a person, as conversations.open answers it. */
  dmChannelOf(user: string): string {
    return `D${user}`;
  }

  removeChannel(team: string, id: string): void {
    this.channels.delete(`${team}/${id}`);
  }

  revokeToken(team: string): void {
    const found = this.teams.get(team);
    if (found) found.botToken = `revoked-${found.botToken}`;
  }

  /** The next `count` calls of `method` fail as given (injected before any other check). */
  failNext(count: number, failure: Failure, method = "chat.postMessage"): void {
    for (let i = 0; i < count; i += 1) this.failures.push({ method, failure });
  }

  pendingFailures(): number {
    return this.failures.length;
  }

  posted(team?: string, channel?: string): FakeMessage[] {
    return this.messages.filter((message) => (team === undefined || message.team === team) && (channel === undefined || message.channel === channel));
  }

  calls(method: string): RecordedRequest[] {
    return this.requests.filter((request) => request.method === method);
  }

  /** A fresh response_url, as Slack puts in a slash command payload. */
  newResponseUrl(): string {
    const id = randomUUID();
    this.responseUrls.set(id, { replies: [], uses: 0, createdAt: Date.now(), waiters: [] });
    return `${this.url}/response/${id}`;
  }

  repliesTo(responseUrl: string): Reply[] {
    return this.responseUrls.get(responseUrl.split("/").pop() ?? "")?.replies ?? [];
  }

  /** Resolves once `count` replies arrived at the response_url. */
  async waitForReplies(responseUrl: string, count: number): Promise<Reply[]> {
    const entry = this.responseUrls.get(responseUrl.split("/").pop() ?? "");
    if (!entry) throw new Error(`unknown response_url ${responseUrl}`);
    if (entry.replies.length < count) {
      await withLimit(new Promise<void>((resolve) => entry.waiters.push({ count, resolve })), `${count} replies at ${responseUrl} (got ${entry.replies.length})`);
    }
    return entry.replies;
  }

  /** Drops every Socket Mode connection without a goodbye, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async waitForConnection(): Promise<void> {
    if (this.openSockets().length > 0) return;
    await withLimit(new Promise<void>((resolve) => this.connectionWaiters.push(resolve)), "a Socket Mode connection");
  }

  /**
   * Sends `/papers <text>` over Socket Mode as user `user` in `team`/`channel`; resolves with the replies
   * that arrived at its response_url (waits for `replies` of them, default 1) once the envelope was acked.
   */
  async slashCommand(team: string, channel: string, user: string, text: string, options: { replies?: number; command?: string } = {}): Promise<Reply[]> {
    const responseUrl = this.newResponseUrl();
    const payload = slashPayload(team, channel, user, text, responseUrl, options.command ?? "/papers");
    await this.sendEnvelope("slash_commands", payload, true);
    return this.waitForReplies(responseUrl, options.replies ?? 1);
  }

  /**
   * Presses a button of an ephemeral message over Socket Mode (an `interactive` envelope with a
   * block_actions payload); resolves with the replies at the press's own response_url (default 1).
   */
  async pressButton(team: string, channel: string, user: string, action: ButtonPress, options: { replies?: number } = {}): Promise<Reply[]> {
    const responseUrl = this.newResponseUrl();
    await this.sendEnvelope("interactive", blockActionsPayload(team, channel, user, action, responseUrl), true);
    return this.waitForReplies(responseUrl, options.replies ?? 1);
  }

  /**
   * Presses a button on a message the bot posted in a channel (the button must be on it) over Socket Mode;
   * resolves with the replies at the press's response_url (default 1). A reply with replace_original: true
   * replaces the posted message, as Slack would.
   */
  async pressPostedButton(message: FakeMessage, user: string, actionId: string, options: { replies?: number } = {}): Promise<Reply[]> {
    const responseUrl = this.newResponseUrl();
    this.pressedMessages.set(responseUrl.split("/").pop()!, message);
    await this.sendEnvelope("interactive", postedButtonPayload(message, user, actionId, responseUrl), true);
    return this.waitForReplies(responseUrl, options.replies ?? 1);
  }

  /** Delivers an Events API event (e.g. app_uninstalled) over Socket Mode; resolves once acked. */
  async sendEvent(team: string, event: Json): Promise<void> {
    const payload = { token: "verification", team_id: team, api_app_id: "A0PAPERBOY", event: { ...event, event_ts: `${Date.now() / 1000}` }, type: "event_callback", event_id: `Ev${randomUUID().slice(0, 8)}`, event_time: Math.floor(Date.now() / 1000), authorizations: [] };
    await this.sendEnvelope("events_api", payload, false);
  }

  async close(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------ Socket Mode

  private openSockets(): WebSocket[] {
    return [...this.sockets].filter((ws) => ws.readyState === ws.OPEN);
  }

  private onSocket(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on("close", () => this.sockets.delete(ws));
    ws.on("message", (data) => {
      const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
      if (typeof message.envelope_id !== "string") return;
      this.acks.push({ envelope_id: message.envelope_id, ...(message.payload !== undefined ? { payload: message.payload } : {}) });
      this.timeline.push(`ack ${message.envelope_id}`);
      this.ackWaiters.get(message.envelope_id)?.();
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: this.sockets.size, debug_info: { host: "fake-slack" }, connection_info: { app_id: "A0PAPERBOY" } }));
    const waiters = this.connectionWaiters;
    this.connectionWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  private async sendEnvelope(type: string, payload: Json, acceptsResponsePayload: boolean): Promise<void> {
    await this.waitForConnection();
    const ws = this.openSockets()[0]!;
    const envelopeId = randomUUID();
    const acked = new Promise<void>((resolve) => this.ackWaiters.set(envelopeId, resolve));
    const sentAt = this.now();
    ws.send(JSON.stringify({ envelope_id: envelopeId, type, payload, accepts_response_payload: acceptsResponsePayload, retry_attempt: 0, retry_reason: "" }));
    await withLimit(acked, `the ack of envelope ${envelopeId}`);
    this.ackWaiters.delete(envelopeId);
    // Slack treats a slash command or interaction not acked within 3 s as failed (and tells the person).
    const late = this.now() - sentAt;
    if (type !== "events_api" && late > INTERACTION_ACK_MS) throw new Error(`fake Slack: envelope ${envelopeId} (${type}) acked after ${late} ms; Slack allows ${INTERACTION_ACK_MS}`);
  }

  // ------------------------------------------------------------ HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = new URL(req.url ?? "/", this.url).pathname;
    if (path.startsWith("/response/")) return this.onResponseUrl(path.slice("/response/".length), req, raw, res);
    if (!path.startsWith("/api/") || req.method !== "POST") return send(res, 404, { ok: false, error: "not_found" });
    const method = path.slice("/api/".length);
    const body = parseBody(req.headers["content-type"], raw);
    const record: RecordedRequest = { method, headers: req.headers, body, status: 200, error: null };
    this.requests.push(record);

    const index = this.failures.findIndex((entry) => entry.method === method);
    if (index >= 0) {
      const { failure } = this.failures.splice(index, 1)[0]!;
      if ("error" in failure) return this.answer(res, record, { ok: false, error: failure.error });
      record.status = failure.status;
      record.error = failure.status === 429 ? "ratelimited" : `http_${failure.status}`;
      if (failure.status === 429) return send(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter) });
      const team = [...this.teams.values()].find((candidate) => candidate.botToken === bearer(req.headers.authorization));
      if (failure.posted && team) this.call(method, team, body);
      return send(res, failure.status, { ok: false, error: "fatal_error" });
    }
    if (method === "oauth.v2.access") return this.answer(res, record, this.oauthAccess(req, body));
    const token = bearer(req.headers.authorization) ?? (typeof body["token"] === "string" ? body["token"] : null);
    if (method === "apps.connections.open") {
      if (!token || !this.appTokens.has(token)) return this.answer(res, record, { ok: false, error: "invalid_auth" });
      return this.answer(res, record, { ok: true, url: `ws://127.0.0.1:${(this.server.address() as AddressInfo).port}/socket` });
    }
    const team = [...this.teams.values()].find((candidate) => candidate.botToken === token);
    if (!team) return this.answer(res, record, { ok: false, error: token ? "invalid_auth" : "not_authed" });
    this.answer(res, record, this.call(method, team, body));
  }

  private answer(res: ServerResponse, record: RecordedRequest, result: Json): void {
    if (result["ok"] === false) record.error = String(result["error"]);
    send(res, 200, result);
  }

  private call(method: string, team: FakeTeam, body: Json): Json {
    switch (method) {
      case "auth.test":
        return { ok: true, url: `https://${team.id}.slack.test/`, team: team.id, team_id: team.id, user: "paperboy", user_id: team.botUserId, bot_id: team.botId, is_enterprise_install: false };
      case "chat.postMessage":
        return this.postMessage(team, body);
      case "conversations.open":
        return this.openDm(team, body);
      case "conversations.history":
      case "conversations.replies":
        return this.history(method, team, body);
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  private oauthAccess(req: IncomingMessage, body: Json): Json {
    const basic = /^Basic\s+(\S+)$/.exec(req.headers.authorization ?? "");
    const [id, secret] = basic ? Buffer.from(basic[1]!, "base64").toString("utf8").split(":") : [body["client_id"], body["client_secret"]];
    if (!this.oauthClient || id !== this.oauthClient.id) return { ok: false, error: "invalid_client_id" };
    if (secret !== this.oauthClient.secret) return { ok: false, error: "bad_client_secret" };
    const teamId = this.oauthCodes.get(String(body["code"]));
    const team = teamId ? this.teams.get(teamId) : undefined;
    if (!team) return { ok: false, error: "invalid_code" };
    this.oauthCodes.delete(String(body["code"])); // codes are single use
    return { ok: true, app_id: "A0PAPERBOY", authed_user: { id: `U${team.id}INSTALLER` }, scope: [...team.scopes].join(","), token_type: "bot", access_token: team.botToken, bot_user_id: team.botUserId, team: { id: team.id, name: team.id }, enterprise: null, is_enterprise_install: false };
  }

  private channelFor(team: FakeTeam, body: Json): FakeChannel | Json {
    const channel = this.channels.get(`${team.id}/${String(body["channel"])}`);
    if (!channel) return { ok: false, error: "channel_not_found" };
    if (!channel.member) return { ok: false, error: "not_in_channel" };
    return channel;
  }

  /**
   * conversations.open with `users`: needs im:write; one user opens (or finds) the app's DM with them.
   * https://docs.slack.dev/reference/methods/conversations.open
   */
  private openDm(team: FakeTeam, body: Json): Json {
    if (!team.scopes.has("im:write")) return { ok: false, error: "missing_scope", needed: "im:write" };
    const users = typeof body["users"] === "string" ? body["users"].split(",").filter(Boolean) : [];
    if (users.length === 0 && body["channel"] === undefined) return { ok: false, error: "users_list_not_supplied" };
    // An MPIM (several users) is not what paperboy asks for; refuse it so a wrong call shows.
    if (users.length !== 1) return { ok: false, error: "not_implemented_in_fake" };
    const user = this.users.get(`${team.id}/${users[0]}`);
    if (!user) return { ok: false, error: "user_not_found" };
    if (user.deleted) return { ok: false, error: "user_disabled" };
    const id = this.dmChannelOf(users[0]!);
    const key = `${team.id}/${id}`;
    const existed = this.channels.has(key);
    if (!existed) this.channels.set(key, { team: team.id, id, member: true, archived: false });
    return { ok: true, ...(existed ? { already_open: true } : {}), channel: { id } };
  }

  private postMessage(team: FakeTeam, body: Json): Json {
    if (!team.scopes.has("chat:write")) return { ok: false, error: "missing_scope", needed: "chat:write" };
    const found = this.channelFor(team, body);
    if ("ok" in found) return found;
    const channel = found as FakeChannel;
    if (channel.archived) return { ok: false, error: "is_archived" };
    const invalid = validateMessage(body);
    if (invalid) return { ok: false, error: invalid.error, response_metadata: { messages: [`[ERROR] ${invalid.detail}`] } };
    const threadTs = typeof body["thread_ts"] === "string" ? body["thread_ts"] : null;
    if (threadTs && !this.messages.some((message) => message.channel === channel.id && message.ts === threadTs)) return { ok: false, error: "thread_not_found" };
    const metadata = body["metadata"] as FakeMessage["metadata"] | undefined;
    if (metadata !== undefined && (typeof metadata?.event_type !== "string" || typeof metadata.event_payload !== "object")) return { ok: false, error: "invalid_metadata_format" };
    this.tsCounter += 1;
    const ts = `${1_700_000_000 + this.tsCounter}.${String(this.tsCounter).padStart(6, "0")}`;
    const message: FakeMessage = { team: team.id, channel: channel.id, ts, threadTs, text: String(body["text"]), blocks: (body["blocks"] as unknown[] | undefined) ?? [], metadata: metadata ?? null, body };
    this.messages.push(message);
    return { ok: true, channel: channel.id, ts, message: { type: "message", text: message.text, ts, bot_id: team.botId } };
  }

  private history(method: string, team: FakeTeam, body: Json): Json {
    const found = this.channelFor(team, body);
    if ("ok" in found) return found;
    const channel = found as FakeChannel;
    const privateChannel = channel.id.startsWith("G");
    const scope = channel.id.startsWith("D") ? "im:history" : privateChannel ? "groups:history" : "channels:history";
    if (!team.scopes.has(scope)) return { ok: false, error: "missing_scope", needed: scope };
    const withMetadata = body["include_all_metadata"] === true || body["include_all_metadata"] === "true";
    const limit = Math.min(Number(body["limit"] ?? 100) || 100, 999);
    const parent = String(body["ts"] ?? "");
    const selected = this.messages
      .filter((message) => message.team === team.id && message.channel === channel.id)
      .filter((message) => (method === "conversations.replies" ? message.ts === parent || message.threadTs === parent : message.threadTs === null));
    const ordered = method === "conversations.replies" ? selected : [...selected].reverse();
    return {
      ok: true,
      has_more: ordered.length > limit,
      messages: ordered.slice(0, limit).map((message) => ({ type: "message", ts: message.ts, text: message.text, ...(withMetadata && message.metadata ? { metadata: message.metadata } : {}) })),
    };
  }

  private onResponseUrl(id: string, req: IncomingMessage, raw: string, res: ServerResponse): void {
    const entry = this.responseUrls.get(id);
    if (!entry || req.method !== "POST") return send(res, 404, { ok: false, error: "no_such_url" });
    if (Date.now() - entry.createdAt > RESPONSE_URL_TTL_MS) return send(res, 404, { ok: false, error: "expired_url" });
    if (entry.uses >= RESPONSE_URL_USES) return send(res, 404, { ok: false, error: "used_url" });
    entry.uses += 1;
    let body: Json;
    try {
      body = JSON.parse(raw) as Json;
    } catch (error) {
      return send(res, 400, { ok: false, error: `invalid_json: ${(error as Error).message}` });
    }
    if (body["replace_original"] !== undefined && typeof body["replace_original"] !== "boolean") return send(res, 400, { ok: false, error: "invalid_replace_original" });
    const type = body["response_type"];
    if (type !== undefined && type !== "ephemeral" && type !== "in_channel") return send(res, 400, { ok: false, error: "invalid_response_type" });
    if (typeof body["text"] !== "string" || body["text"].trim() === "" || String(body["text"]).length > FAKE_LIMITS.fallbackText) return send(res, 400, { ok: false, error: "no_text" });
    const invalid = validateBlocks(body["blocks"]);
    if (invalid) return send(res, 400, { ok: false, error: invalid.error, detail: invalid.detail });
    entry.replies.push({ body });
    this.timeline.push(`reply ${id}`);
    const pressed = this.pressedMessages.get(id);
    if (pressed && body["replace_original"] === true) {
      pressed.text = String(body["text"]);
      pressed.blocks = (body["blocks"] as unknown[] | undefined) ?? [];
    }
    for (const waiter of [...entry.waiters]) {
      if (entry.replies.length >= waiter.count) {
        entry.waiters.splice(entry.waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    send(res, 200, { ok: true });
  }
}

// ------------------------------------------------------------ helpers

export function slashPayload(team: string, channel: string, user: string, text: string, responseUrl: string, command = "/papers"): Json {
  return { token: "verification", team_id: team, team_domain: team.toLowerCase(), channel_id: channel, channel_name: channel.toLowerCase(), user_id: user, user_name: user.toLowerCase(), command, text, api_app_id: "A0PAPERBOY", is_enterprise_install: "false", response_url: responseUrl, trigger_id: `trig.${randomUUID()}` };
}

export interface ButtonPress {
  action_id: string;
  value: string;
  text?: string;
}

/**
 * A block_actions payload for a button on an ephemeral message (no `message` then, only the container).
 * https://docs.slack.dev/reference/interaction-payloads/block_actions-payload
 */
export function blockActionsPayload(team: string, channel: string, user: string, action: ButtonPress, responseUrl: string): Json {
  const ts = `${Date.now() / 1000}`;
  return {
    type: "block_actions",
    token: "verification",
    api_app_id: "A0PAPERBOY",
    team: { id: team, domain: team.toLowerCase() },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: team },
    container: { type: "message", message_ts: ts, channel_id: channel, is_ephemeral: true },
    channel: { id: channel, name: channel.toLowerCase() },
    trigger_id: `trig.${randomUUID()}`,
    response_url: responseUrl,
    is_enterprise_install: false,
    enterprise: null,
    state: { values: {} },
    actions: [{ type: "button", block_id: "pager", action_id: action.action_id, text: { type: "plain_text", text: action.text ?? "Next", emoji: true }, value: action.value, action_ts: ts }],
  };
}

/** Headers Slack signs an HTTP request with: v0=HMAC-SHA256(secret, "v0:<ts>:<body>"). */
export function signSlackRequest(signingSecret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-signature": `v0=${signature}`, "x-slack-request-timestamp": String(timestamp) };
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/.exec(header ?? "");
  return match?.[1] ?? null;
}

const JSON_FIELDS = new Set(["blocks", "metadata", "attachments"]);

function parseBody(contentType: string | undefined, raw: string): Json {
  if (raw === "") return {};
  if (contentType?.startsWith("application/json")) return JSON.parse(raw) as Json;
  const body: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // The SDK sends objects (blocks, metadata) as JSON strings inside the form.
    body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value === "true" ? true : value === "false" ? false : value;
  }
  return body;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

async function withLimit<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`fake Slack: gave up waiting for ${what}`)), WAIT_LIMIT_MS);
  });
  try {
    return await Promise.race([promise, limit]);
  } finally {
    clearTimeout(timer);
  }
}
