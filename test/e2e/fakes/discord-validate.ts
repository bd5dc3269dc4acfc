/**
 * What the fake Discord checks in bodies, from Discord's documented rules: message and embed limits
 * (https://discord.com/developers/docs/resources/message#embed-object-embed-limits) and application command
 * shapes (https://discord.com/developers/docs/interactions/application-commands#application-command-object).
 * A check that fails is answered like Discord: 400 with code 50035 and the list of problems.
 */
const LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, author: 256, total: 6000, nonce: 25 };

/** Errors of a create/edit message body; `requireAllowedMentions` is paperboy's rule for its own sends. */
export function validateMessage(body: unknown, requireAllowedMentions: boolean): string[] {
  if (body === null || typeof body !== "object") return ["body: expected an object"];
  const data = body as Record<string, unknown>;
  const errors: string[] = [];
  const content = data.content;
  if (content !== undefined && (typeof content !== "string" || content.length > LIMITS.content)) errors.push(`content: must be at most ${LIMITS.content} characters`);
  const embeds = data.embeds;
  if (embeds !== undefined && (!Array.isArray(embeds) || embeds.length > LIMITS.embeds)) errors.push(`embeds: at most ${LIMITS.embeds}`);
  if ((content === undefined || content === "") && (!Array.isArray(embeds) || embeds.length === 0)) errors.push("Cannot send an empty message (50006)");
  let total = 0;
  (Array.isArray(embeds) ? embeds : []).forEach((embed: Record<string, any>, i) => {
    const len = (value: unknown): number => (typeof value === "string" ? value.length : 0);
    const check = (ok: boolean, message: string): void => {
      if (!ok) errors.push(`embeds.${i}.${message}`);
    };
    check(len(embed.title) <= LIMITS.title, `title: at most ${LIMITS.title}`);
    check(len(embed.description) <= LIMITS.description, `description: at most ${LIMITS.description}`);
    check(len(embed.footer?.text) <= LIMITS.footer, `footer.text: at most ${LIMITS.footer}`);
    check(len(embed.author?.name) <= LIMITS.author, `author.name: at most ${LIMITS.author}`);
    check(embed.url === undefined || /^https?:\/\/\S+$/.test(String(embed.url)), "url: Scheme must be http or https");
    const fields = (embed.fields ?? []) as Array<Record<string, unknown>>;
    check(Array.isArray(fields) && fields.length <= LIMITS.fields, `fields: at most ${LIMITS.fields}`);
    fields.forEach((field, j) => {
      check(len(field.name) >= 1 && len(field.name) <= LIMITS.fieldName, `fields.${j}.name: 1-${LIMITS.fieldName} characters`);
      check(len(field.value) >= 1 && len(field.value) <= LIMITS.fieldValue, `fields.${j}.value: 1-${LIMITS.fieldValue} characters`);
      total += len(field.name) + len(field.value);
    });
    total += len(embed.title) + len(embed.description) + len(embed.footer?.text) + len(embed.author?.name);
  });
  if (total > LIMITS.total) errors.push(`embeds: Embed size exceeds maximum size of ${LIMITS.total}`);
  errors.push(...componentErrors(data.components));
  if (data.nonce !== undefined && String(data.nonce).length > LIMITS.nonce) errors.push(`nonce: at most ${LIMITS.nonce} characters`);
  if (data.enforce_nonce === true && data.nonce === undefined) errors.push("nonce: required with enforce_nonce");
  if (requireAllowedMentions) {
    const allowed = data.allowed_mentions as { parse?: unknown } | undefined;
    if (!allowed || !Array.isArray(allowed.parse)) errors.push("allowed_mentions: required (paperboy never sends without it)");
  }
  return errors;
}

/**
 * Message components: ≤ 5 action rows (type 1), ≤ 5 buttons (type 2) per row, label ≤ 80, custom_id 1-100
 * and unique in the message (link buttons, style 5, take a url instead).
 * https://discord.com/developers/docs/components/reference#action-row · …#button
 */
export function componentErrors(components: unknown): string[] {
  if (components === undefined) return [];
  if (!Array.isArray(components) || components.length > 5) return ["components: at most 5 action rows"];
  const errors: string[] = [];
  const ids = new Set<string>();
  components.forEach((row: Record<string, any>, i) => {
    if (row?.type !== 1 || !Array.isArray(row.components) || row.components.length < 1 || row.components.length > 5) {
      errors.push(`components.${i}: an action row (type 1) with 1-5 components`);
      return;
    }
    row.components.forEach((button: Record<string, any>, j: number) => {
      const at = `components.${i}.components.${j}`;
      if (button?.type !== 2) return void errors.push(`${at}.type: only buttons (2) are supported by the fake`);
      if (button.label !== undefined && (typeof button.label !== "string" || button.label.length > 80)) errors.push(`${at}.label: at most 80 characters`);
      if (button.label === undefined && button.emoji === undefined) errors.push(`${at}: a label or an emoji is required`);
      if (![1, 2, 3, 4, 5].includes(button.style)) errors.push(`${at}.style: 1-5`);
      if (button.style === 5) return void (typeof button.url !== "string" && errors.push(`${at}.url: required for link buttons`));
      const id = button.custom_id;
      if (typeof id !== "string" || id.length < 1 || id.length > 100) return void errors.push(`${at}.custom_id: 1-100 characters`);
      if (ids.has(id)) errors.push(`${at}.custom_id: duplicate ${id}`);
      ids.add(id);
    });
  });
  return errors;
}

const NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;

/** Errors of a bulk-overwrite commands body: names, descriptions, option counts and order. */
export function validateCommands(body: unknown): string[] {
  if (!Array.isArray(body)) return ["body: expected an array of commands"];
  const errors: string[] = [];
  if (body.length > 100) errors.push("at most 100 commands");
  const names = new Set<string>();
  body.forEach((command: Record<string, unknown>, i) => {
    const name = String(command.name ?? "");
    if (!NAME.test(name)) errors.push(`${i}.name: lowercase, 1-32 characters`);
    if (names.has(name)) errors.push(`${i}.name: duplicate ${name}`);
    names.add(name);
    if ((command.type ?? 1) === 1) errors.push(...checkDescription(command.description, `${i}.description`));
    if (command.default_member_permissions !== undefined && command.default_member_permissions !== null && !/^\d+$/.test(String(command.default_member_permissions))) {
      errors.push(`${i}.default_member_permissions: a permission bitfield string`);
    }
    errors.push(...checkOptions(command.options, `${i}.options`, 0));
  });
  return errors;
}

function checkDescription(value: unknown, at: string): string[] {
  return typeof value === "string" && value.length >= 1 && value.length <= 100 ? [] : [`${at}: 1-100 characters`];
}

function checkOptions(options: unknown, at: string, depth: number): string[] {
  if (options === undefined) return [];
  if (!Array.isArray(options)) return [`${at}: expected an array`];
  const errors: string[] = [];
  if (options.length > 25) errors.push(`${at}: at most 25 options`);
  let sawOptional = false;
  const names = new Set<string>();
  options.forEach((option: Record<string, unknown>, i) => {
    const here = `${at}.${i}`;
    const name = String(option.name ?? "");
    if (!NAME.test(name)) errors.push(`${here}.name: lowercase, 1-32 characters`);
    if (names.has(name)) errors.push(`${here}.name: duplicate ${name}`);
    names.add(name);
    errors.push(...checkDescription(option.description, `${here}.description`));
    const type = Number(option.type);
    if (!(type >= 1 && type <= 11)) errors.push(`${here}.type: unknown option type`);
    if (type === 1 || type === 2) {
      if (depth > 1) errors.push(`${here}: subcommands nested too deep`);
      errors.push(...checkOptions(option.options, `${here}.options`, depth + 1));
      return;
    }
    if (option.required === true && sawOptional) errors.push(`${here}: required options must come before optional ones`);
    if (option.required !== true) sawOptional = true;
    if (type !== 3 && (option.min_length !== undefined || option.max_length !== undefined)) errors.push(`${here}: min_length/max_length only on string options`);
    if (type !== 4 && type !== 10 && (option.min_value !== undefined || option.max_value !== undefined)) errors.push(`${here}: min_value/max_value only on integer and number options`);
    const choices = option.choices as Array<Record<string, unknown>> | undefined;
    if (choices !== undefined) {
      if (!Array.isArray(choices) || choices.length > 25) errors.push(`${here}.choices: at most 25`);
      if (option.autocomplete === true) errors.push(`${here}: autocomplete cannot be combined with choices`);
      for (const choice of choices ?? []) if (typeof choice.name !== "string" || choice.name.length < 1 || choice.name.length > 100) errors.push(`${here}.choices: names 1-100 characters`);
    }
  });
  return errors;
}

/**
 * What a Discord client would refuse to send for a registered chat command: an unknown subcommand or option,
 * a missing required option, a value of the wrong type, a string outside the option's `choices` (the client
 * offers only those), or outside min/max. Empty when the client could send it. Autocomplete interactions
 * carry partial text, so their choices are not checked.
 */
export function unsendableOptions(
  command: { options?: Array<Record<string, unknown>> },
  subcommand: string,
  given: ReadonlyArray<{ name: string; type: number; value: unknown; focused?: boolean }>,
  autocomplete: boolean,
): string[] {
  const sub = (command.options ?? []).find((o) => o.name === subcommand && Number(o.type) === 1);
  if (sub === undefined) return [`no subcommand ${subcommand}`];
  const declared = (sub.options ?? []) as Array<Record<string, unknown>>;
  const errors: string[] = [];
  for (const option of declared) if (option.required === true && !given.some((g) => g.name === option.name)) errors.push(`${subcommand}: ${String(option.name)} is required`);
  for (const value of given) {
    const option = declared.find((o) => o.name === value.name);
    if (option === undefined) {
      errors.push(`${subcommand}: no option ${value.name}`);
      continue;
    }
    if (Number(option.type) !== value.type) errors.push(`${subcommand}.${value.name}: type ${value.type}, declared ${String(option.type)}`);
    if (autocomplete && value.focused === true) continue;
    const choices = option.choices as Array<{ value: unknown }> | undefined;
    if (choices !== undefined && !choices.some((c) => c.value === value.value)) errors.push(`${subcommand}.${value.name}: ${String(value.value)} is not one of the choices`);
    if (typeof value.value === "string" && typeof option.max_length === "number" && value.value.length > option.max_length) errors.push(`${subcommand}.${value.name}: longer than ${option.max_length}`);
    if (typeof value.value === "number" && ((typeof option.min_value === "number" && value.value < option.min_value) || (typeof option.max_value === "number" && value.value > option.max_value))) {
      errors.push(`${subcommand}.${value.name}: out of range`);
    }
  }
  return errors;
}

/**
 * Who a message would notify, as Discord decides it: mentions in `content` only (never in embeds), filtered by
 * `allowed_mentions` — which, when absent, parses everything
 * (https://discord.com/developers/docs/resources/message#allowed-mentions-object). A backslash or any other
 * character inside the token (paperboy's zero-width space) keeps it from being a mention.
 */
export function wouldPing(body: unknown): string[] {
  if (body === null || typeof body !== "object") return [];
  const data = body as { content?: unknown; allowed_mentions?: { parse?: unknown; users?: unknown; roles?: unknown } };
  const content = typeof data.content === "string" ? data.content : "";
  const allowed = data.allowed_mentions;
  const parse = new Set(allowed === undefined ? ["everyone", "users", "roles"] : Array.isArray(allowed.parse) ? (allowed.parse as string[]) : []);
  const listed = (ids: unknown): Set<string> => new Set(Array.isArray(ids) ? ids.map(String) : []);
  const users = listed(allowed?.users);
  const roles = listed(allowed?.roles);
  const pings: string[] = [];
  for (const match of content.matchAll(/(?<!\\)@(everyone|here)\b/g)) if (parse.has("everyone")) pings.push(`@${match[1]}`);
  for (const match of content.matchAll(/(?<!\\)<@!?(\d+)>/g)) if (parse.has("users") || users.has(match[1]!)) pings.push(`user ${match[1]}`);
  for (const match of content.matchAll(/(?<!\\)<@&(\d+)>/g)) if (parse.has("roles") || roles.has(match[1]!)) pings.push(`role ${match[1]}`);
  return pings;
}
