/**
 * A URL template with `{date}` (e.g. https://host/data/{date}.md), polled for today and the last few
 * days with conditional requests (ETag / Last-Modified), so an unchanged file costs a 304.
 */
import { errorMessage } from "../core/errors.js";
import type { DigestFile, DigestSource } from "../core/ports.js";
import { redactUrl } from "../core/redact-url.js";
import { fetchDigestUrl, httpStatusError, readDigestBody, templateOrigin } from "./fetch-digest.js";

export interface HttpSourceOptions {
  template: string;
  lookbackDays: number;
  now: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /** An Authorization header value, sent only to the template's origin. */
  authorization?: string;
  /** A poll that failed for one date; the URL has its credentials redacted. */
  onError?: (url: string, message: string) => void;
}

export function datesBack(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10));
}

export function createHttpSource(options: HttpSourceOptions): DigestSource {
  const validators = new Map<string, { etag: string | null; modified: string | null }>();
  const origin = templateOrigin(options.template);
  const authorization = options.authorization && origin ? { value: options.authorization, origin } : undefined;

  async function fetchOne(date: string): Promise<DigestFile | null> {
    const url = options.template.replaceAll("{date}", date);
    const known = validators.get(url);
    const headers: Record<string, string> = {};
    if (known?.etag) headers["if-none-match"] = known.etag;
    if (known?.modified) headers["if-modified-since"] = known.modified;
    const response = await fetchDigestUrl(url, {
      headers,
      ...(authorization ? { authorization } : {}),
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    if (response.status === 304 || response.status === 404) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw httpStatusError(response, url);
    }
    const text = await readDigestBody(response, url);
    validators.set(url, { etag: response.headers.get("etag"), modified: response.headers.get("last-modified") });
    const name = `${date}${new URL(url).pathname.match(/\.(md|jsonl)$/i)?.[0] ?? ".md"}`;
    return { name, source: redactUrl(url), text };
  }

  async function poll(): Promise<DigestFile[]> {
    const files: DigestFile[] = [];
    for (const date of datesBack(options.now(), options.lookbackDays).reverse()) {
      try {
        const file = await fetchOne(date);
        if (file) files.push(file);
      } catch (error) {
        options.onError?.(redactUrl(options.template.replaceAll("{date}", date)), redactUrl(errorMessage(error)));
      }
    }
    return files;
  }

  return { poll };
}
