/**
 * Slack sends each field of a slash command form once, as a string
 * (https://docs.slack.dev/interactivity/implementing-slash-commands#app_command_handling). Bolt parses the
 * form with `querystring`, which turns a repeated field (`text=a&text=b`) into an array; no listener, and
 * not Bolt's own command matching or authorization, expects that. So every field becomes one string (its
 * first value) before Bolt looks at the request.
 */

/** The request body with every field of a slash command reduced to one string; other bodies unchanged. */
export function singleValuedCommandFields(body: Record<string, unknown>): Record<string, unknown> {
  if (!("command" in body)) return body;
  // fromEntries defines own properties, so even a field named `__proto__` stays a plain field.
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, Array.isArray(value) ? String(value[0] ?? "") : value]));
}
