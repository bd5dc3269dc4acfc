/**
 * A synthetic archive of 250,000 papers for the search scenario: corpus papers recombined (title, TL;DR
 * and summaries of one paper, abstract of another, authors of a third) under new ids, 250 a day over
 * 1,000 days, stored through the product's own ingestDigest. Term frequencies stay those of real papers;
 * only the volume grows. Building it takes minutes, so the file is kept in the temp dir and reused when a
 * finished one (marked by a `.done` file naming its recipe and the store code's fingerprint) is there.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { Paper } from "../src/core/paper.js";
import { openStore } from "../src/store/open-store.js";
import { note, progressReporter } from "./progress.js";
import { Random } from "./random.js";
import { storeFingerprint } from "./store-fingerprint.js";

export const SYNTHETIC_PAPERS = 250_000;
const PER_DAY = 250;
const FIRST_DAY = Date.UTC(2023, 0, 2);
/** Changes whenever the recipe does, so a stale file is rebuilt rather than reused. */
const RECIPE = "recombine-v1";

export interface SyntheticArchive {
  url: string;
  reused: boolean;
  buildSeconds: number;
  recipe: string;
}

export async function ensureSyntheticArchive(path: string, source: readonly Paper[], count = SYNTHETIC_PAPERS): Promise<SyntheticArchive> {
  const marker = `${path}.done`;
  const recipe = `${RECIPE} ${count} from ${source.length}, store ${storeFingerprint()}`;
  const url = `sqlite:${path}`;
  if (existsSync(path) && existsSync(marker) && readFileSync(marker, "utf8") === recipe) {
    note(`search: reusing the synthetic archive ${path} (${recipe})`);
    const store = await openStore(url);
    await store.migrate();
    await store.close();
    return { url, reused: true, buildSeconds: 0, recipe };
  }
  for (const file of [path, `${path}-wal`, `${path}-shm`, marker]) rmSync(file, { force: true });
  const start = performance.now();
  const store = await openStore(url);
  await store.migrate();
  const random = new Random(250_000);
  const report = progressReporter(`building the ${count.toLocaleString("en")}-paper synthetic archive`, count);
  const perMonth = new Map<string, number>();
  for (let made = 0, day = 0; made < count; day++) {
    const date = new Date(FIRST_DAY + day * 86_400_000).toISOString().slice(0, 10);
    const papers: Paper[] = [];
    for (let i = 0; i < PER_DAY && made < count; i++, made++) {
      const month = `${date.slice(2, 4)}${date.slice(5, 7)}`;
      const serial = (perMonth.get(month) ?? 0) + 1;
      perMonth.set(month, serial);
      papers.push(recombine(`${month}.${String(serial).padStart(5, "0")}`, source, random));
    }
    await store.ingestDigest({ date, hash: `synthetic-${RECIPE}-${date}`, source: "synthetic", papers });
    report(made);
  }
  await store.close();
  writeFileSync(marker, recipe);
  return { url, reused: false, buildSeconds: (performance.now() - start) / 1000, recipe };
}

function recombine(id: string, source: readonly Paper[], random: Random): Paper {
  const base = random.pick(source);
  const other = random.pick(source);
  const people = random.pick(source);
  return {
    ...base,
    id,
    url: `https://arxiv.org/abs/${id}`,
    abstract: other.abstract,
    authors: people.authors,
    pdfUrl: null,
    codeUrl: null,
    codeStars: null,
  };
}
