/**
 * A URL template with `{date}` (e.g. https://host/data/{date}.md), polled for today and the last few
 * days with conditional requests (ETag / Last-Modified), so an unchanged file costs a 304.
 */
import type { DigestFile, DigestSource } from "../core/ports.js";

export interface HttpSourceOptions {
  template: string;
  lookbackDays: number;
  now: () => Date;
  fetch?: typeof fetch;
  timeoutMs?: number;
  onError?: (url: string, message: string) => void;
}

export function datesBack(now: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => new Date(now.getTime() - i * 86_400_000).toISOString().slice(0, 10));
}

export function createHttpSource(options: HttpSourceOptions): DigestSource {
  const validators = new Map<string, { etag: string | null; modified: string | null }>();
  const doFetch = options.fetch ?? fetch;

  async function fetchOne(date: string): Promise<DigestFile | null> {
    const url = options.template.replaceAll("{date}", date);
    const known = validators.get(url);
    const headers: Record<string, string> = { "user-agent": "paperboy (digest poller)" };
    if (known?.etag) headers["if-none-match"] = known.etag;
    if (known?.modified) headers["if-modified-since"] = known.modified;
    const response = await doFetch(url, { headers, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) });
    if (response.status === 304 || response.status === 404) return null;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    validators.set(url, { etag: response.headers.get("etag"), modified: response.headers.get("last-modified") });
    const name = `${date}${new URL(url).pathname.match(/\.(md|jsonl)$/i)?.[0] ?? ".md"}`;
    return { name, source: url, text };
  }

  async function poll(): Promise<DigestFile[]> {
    const files: DigestFile[] = [];
    for (const date of datesBack(options.now(), options.lookbackDays).reverse()) {
      try {
        const file = await fetchOne(date);
        if (file) files.push(file);
      } catch (error) {
        options.onError?.(options.template.replaceAll("{date}", date), (error as Error).message);
      }
    }
    return files;
  }

  return { poll };
}
