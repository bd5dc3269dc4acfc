/** Configuration problems in words a user can act on: which setting, where its value came from, what to type. */
import { z } from "zod";

type Json = Record<string, unknown>;

export interface IssueContext {
  schema: z.ZodType;
  /** The layers, most important first: where a value came from is the first layer that has it. */
  sources: Array<{ name: string; layer: Json; env?: boolean }>;
  envVariable: (setting: string) => string | undefined;
}

/**
 * One line per problem, naming the setting and where its value came from: the variable that set it, or
 * the file. Unknown keys get a did-you-mean.
 */
export function describeConfigIssue(issue: z.core.$ZodIssue, context: IssueContext): string[] {
  const { sources } = context;
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    const known = Object.keys(shapeAt(context.schema, path));
    return issue.keys.map((key) => {
      const full = [...path, key];
      const from = sources.find((source) => valueAt(source.layer, full) !== undefined)?.name;
      const guess = closest(key, known);
      return `${full.join(".")}${from ? ` (in ${from})` : ""}: unknown setting${guess ? ` — did you mean '${guess}'?` : ""}`;
    });
  }
  const setting = path.join(".");
  const from = sources.find((source) => valueAt(source.layer, path) !== undefined);
  const variable = from?.env ? context.envVariable(setting) : undefined;
  const where = variable ? ` (${variable})` : from && !from.env ? ` (in ${from.name})` : "";
  return [`${setting || "(root)"}${where}: ${friendlyMessage(issue)}`];
}

/** zod's wording ("expected number, received NaN") → what to type. */
function friendlyMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    if (issue.expected === "number") return "expected a number";
    if (issue.expected === "boolean") return "expected true or false";
    if (issue.expected === "string") return "expected a text value in quotes";
    if (issue.expected === "array") return "expected a list [ … ]";
    if (issue.expected === "object") return "expected an object { … }";
  }
  return issue.message;
}

function valueAt(layer: Json, path: string[]): unknown {
  let node: unknown = layer;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The keys the schema allows at `path` (array indexes skipped), for did-you-mean. */
function shapeAt(root: z.ZodType, path: string[]): Record<string, unknown> {
  let schema: unknown = root;
  for (const key of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodArray) schema = unwrap(schema.element);
    if (/^\d+$/.test(key)) continue;
    if (!(schema instanceof z.ZodObject)) return {};
    schema = (schema.shape as Record<string, unknown>)[key];
  }
  schema = unwrap(schema);
  if (schema instanceof z.ZodArray) schema = unwrap(schema.element);
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : {};
}

function unwrap(schema: unknown): unknown {
  let current = schema;
  for (let i = 0; i < 8 && current && typeof (current as { unwrap?: unknown }).unwrap === "function"; i++) current = (current as { unwrap(): unknown }).unwrap();
  return current;
}

/** The known key within edit distance 2 of `key` (case-insensitive), if any. */
function closest(key: string, known: string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

