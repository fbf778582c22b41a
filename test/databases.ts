import pg from "pg";

/** Throwaway databases on the server named by DATABASE_URL. Only databases these helpers created are dropped. */
export const TEST_DB_PREFIX = "keepcart_test_";

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(baseUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(baseUrl, "postgres") });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function uniqueName(label: string): string {
  return `${TEST_DB_PREFIX}${label}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}
