/**
 * The lines the demo prints under its posts on `paperboy start`: how to type commands, and — when the
 * first delivery round posted nothing — why the screen is empty and how to see the demo again.
 */
import { basename, dirname } from "node:path";
import type { DeliveryReport } from "../../core/delivery.js";

export interface DemoNotesInput {
  /** The first delivery round of this start. */
  firstRound: DeliveryReport;
  /** The channel typed commands go to, when stdin is a terminal; null otherwise. */
  commandChannel: string | null;
  /** `config.digests` (a folder or a URL template). */
  digests: string;
  /** `config.db` (`sqlite:<path>` or `postgres://…`). */
  db: string;
}

/** "./seeds" → "seeds/"; a URL template → "the digests". */
function digestsLabel(digests: string): string {
  if (/^https?:\/\//i.test(digests)) return "the digests";
  return `${basename(digests.replace(/[\\/]+$/, "")) || digests}/`;
}

/** The folder to delete to start over: the SQLite file's folder ("data/"), or null for Postgres. */
function dataFolder(db: string): string | null {
  if (!db.startsWith("sqlite:")) return null;
  const folder = dirname(db.slice("sqlite:".length));
  return folder === "." ? null : `${basename(folder)}/`;
}

export function demoNotes(input: DemoNotesInput): string[] {
  const lines: string[] = [];
  const { delivered, failed, pending } = input.firstRound;
  if (delivered === 0 && failed === 0 && pending === 0) {
    const folder = dataFolder(input.db);
    lines.push(
      `Nothing new to post — every paper in ${digestsLabel(input.digests)} was already posted to these channels.${folder ? ` Delete ${folder} to see the demo again.` : ""}`,
    );
  }
  if (input.commandChannel) lines.push(`Type /papers help (commands go to #${input.commandChannel}) · Ctrl-C to stop`);
  return lines;
}
