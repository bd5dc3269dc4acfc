/**
 * The Postgres server the tests use: PAPERBOY_TEST_PG, else a local server at 127.0.0.1:5432 (trust
 * auth). Each run makes its own database and drops it at the end.
 */
import pg from "pg";

const CANDIDATES = process.env.PAPERBOY_TEST_PG
  ? [process.env.PAPERBOY_TEST_PG]
  : ["postgres://127.0.0.1:5432/test", "postgres://postgres@127.0.0.1:5432/test", "postgres://root@127.0.0.1:5432/test"];

/** The first server that answers, or why none did. */
export async function findPostgres(): Promise<{ url: string } | { reason: string }> {
  const reasons: string[] = [];
  for (const url of CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query("select 1");
      return { url };
    } catch (error) {
      reasons.push(`${url.replace(/:[^:@/]*@/, ":***@")}: ${(error as Error).message}`);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  return { reason: reasons.join("; ") };
}

/** Runs one statement on the server's admin database (CREATE/DROP DATABASE). */
export async function withAdmin(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A fresh, uniquely named database on the server: its URL, and how to drop it. */
export async function createTestDatabase(serverUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const database = `${prefix}_${process.pid}_${Date.now()}`;
  await withAdmin(serverUrl, `CREATE DATABASE ${database}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => withAdmin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`) };
}
