import pg from "pg";

/** Direct SQL on a test's own database, for arranging what a test cannot do through the shop. */
export async function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** An order's timeline as "status actor" lines, oldest first (order_events). */
export async function orderTimeline(url: string, orderId: number | string): Promise<string[]> {
  const events = await sql<{ status: string; actor: string }>(
    url,
    "select status, actor from order_events where order_id = $1 order by id",
    [orderId],
  );
  return events.map((e) => `${e.status} ${e.actor}`);
}
