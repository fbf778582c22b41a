// @module-tag pglite
import { describe, expect, it, vi } from "vitest";
import { testDatabaseKind } from "@/test/setup";
import { getDb } from "../database";
import { sessionPolicy } from "./policy";
import { FIND_SESSION_STATEMENT, findSession, insertSession } from "./store";
import { newSessionToken, sessionIdOf } from "./token";

async function makeSession(createdAt: Date): Promise<string> {
  const id = sessionIdOf(newSessionToken());
  await insertSession(await getDb(), {
    id,
    userId: null,
    now: createdAt,
    policy: sessionPolicy(),
    userAgent: "test",
    ip: null,
  });
  return id;
}

// DB_PREPARED_STATEMENTS: both settings must read the same sessions (a named statement on
// node-postgres, an unnamed one otherwise; PGlite has no pool and always runs it unnamed).
describe(`the per-request session read on ${testDatabaseKind}`, () => {
  for (const prepared of [true, false]) {
    it(`finds a live session and not an expired one with prepared statements ${prepared ? "on" : "off"}`, async () => {
      const db = await getDb();
      const now = new Date();
      const live = await makeSession(new Date(now.getTime() - 1000));
      const expired = await makeSession(new Date(now.getTime() - sessionPolicy().idleMs - 1000));
      const pool = (db as unknown as { $client: { query: (...args: unknown[]) => unknown } }).$client;
      const sent = vi.spyOn(pool, "query");
      // More calls than the pool has connections: some reuse a statement a connection already prepared.
      for (let i = 0; i < 12; i++) {
        const found = await findSession(db, live, now, { prepared });
        expect(found).toMatchObject({ id: live, userId: null, email: null, cartCount: 0, unreadCount: 0 });
        expect(found?.absoluteExpiresAt).toBeInstanceOf(Date);
        expect(await findSession(db, expired, now, { prepared })).toBeNull();
      }
      expect(await findSession(db, "no-such-session", now, { prepared })).toBeNull();
      if (testDatabaseKind === "postgres") {
        expect(sent).toHaveBeenCalledWith(
          expect.objectContaining({ name: prepared ? FIND_SESSION_STATEMENT : undefined }),
        );
      }
      sent.mockRestore();
    });
  }
});
