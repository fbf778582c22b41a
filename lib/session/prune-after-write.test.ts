import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "../database";

// The once-per-interval memory is per module instance: every test starts with a fresh one.
let prune: typeof import("./prune");
beforeEach(async () => {
  vi.resetModules();
  prune = await import("./prune");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

async function insertSession(idleExpiresAt: Date): Promise<string> {
  const db = await getDb();
  const id = `test-${randomUUID()}`;
  const now = new Date();
  await db.execute(sql`
    insert into sessions (id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
    values (${id}, ${now}, ${now}, ${idleExpiresAt}, ${new Date(now.getTime() + 86_400_000)})`);
  return id;
}

async function exists(id: string): Promise<boolean> {
  const db = await getDb();
  const result = await db.execute(sql`select 1 from sessions where id = ${id}`);
  return result.rows.length > 0;
}

const past = () => new Date(Date.now() - 60_000);
const future = () => new Date(Date.now() + 3_600_000);

describe("pruning after a session write (serverless)", () => {
  it("does nothing on a long-running server, which has its timer", async () => {
    const expired = await insertSession(past());
    expect(prune.pruneAfterSessionWrite()).toBeUndefined();
    expect(await exists(expired)).toBe(true);
  });

  it("on Vercel deletes expired sessions, keeps live ones, at most once per interval", async () => {
    vi.stubEnv("VERCEL", "1");
    const expired = await insertSession(past());
    const live = await insertSession(future());
    const now = Date.now();
    await prune.pruneAfterSessionWrite(now);
    expect(await exists(expired)).toBe(false);
    expect(await exists(live)).toBe(true);

    const later = await insertSession(past());
    expect(prune.pruneAfterSessionWrite(now + 1000)).toBeUndefined();
    expect(await exists(later)).toBe(true);
    const interval = Number(process.env.PRUNE_INTERVAL_SECONDS ?? 600) * 1000;
    await prune.pruneAfterSessionWrite(now + interval);
    expect(await exists(later)).toBe(false);
  });

  it("starts in the background when a new session is issued", async () => {
    vi.stubEnv("VERCEL", "1");
    const { newBrowser } = await import("@/test/request");
    const { getOrCreateSession } = await import("@/test/fixtures");
    const expired = await insertSession(past());
    newBrowser();
    await getOrCreateSession();
    await vi.waitFor(async () => {
      expect(await exists(expired)).toBe(false);
      const db = await getDb();
      const lease = await db.execute<{ locked_until: Date | null }>(
        sql`select locked_until from maintenance_runs where name = 'prune-sessions'`,
      );
      expect(lease.rows[0]?.locked_until).toBeNull();
    }, 10_000);
  });
});
