/**
 * A hash of the store's code (src/store, migrations included, as this process runs it): a cached archive
 * built by another version of the store may lack tables or index entries that version writes at ingest,
 * so it is rebuilt rather than trusted.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export function storeFingerprint(): string {
  const hash = createHash("sha256");
  const root = fileURLToPath(new URL("../src/store/", import.meta.url));
  for (const file of listFiles(root)) hash.update(file.slice(root.length)).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : /\.(js|ts)$/.test(entry.name) ? [join(dir, entry.name)] : []));
}
