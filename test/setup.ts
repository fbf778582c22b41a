import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, expect, inject, vi } from "vitest";
import { adminQuery, uniqueName, withDatabase } from "./databases";
import { scratchDir } from "./scratch";

// Every test file gets a database of its own: a clone of the run's template on PostgreSQL, or a
// copy of the template PGlite folder. Nothing one file writes is seen by another.
const base = process.env.KEEPCART_TEST_BASE_URL ?? process.env.DATABASE_URL;
process.env.KEEPCART_TEST_BASE_URL = base ?? "";
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0001";
process.env.LOG_LEVEL ??= "warn";
// pg-pool's connect timeout also bounds the wait for a free client: 50 concurrent writers on a pool
// of 10, on a machine running two copies of the suite, waited past the 5 s default and got 503s.
process.env.DB_CONNECT_TIMEOUT_MS ??= "30000";
// Test browsers say who they are in X-Forwarded-For (test/request.ts), as one trusted proxy would.
process.env.TRUST_PROXY ??= "1";
// Unit tests change rows with SQL and read them back at once, inside the window the cache allows
// another instance (a notification is not yet processed). The cache's own tests turn it on
// (lib/cache/*.test.ts); the browser tests run every production server with it on.
process.env.SESSION_CACHE ??= "off";

let cleanup: () => Promise<void>;
if (base) {
  const name = uniqueName("file");
  await adminQuery(base, `create database ${name} template ${inject("templateDatabase")}`);
  process.env.DATABASE_URL = withDatabase(base, name);
  cleanup = () => adminQuery(base, `drop database if exists ${name} with (force)`);
} else {
  const dir = scratchDir("keepcart-pglite-");
  process.env.PGLITE_DIR = path.join(dir, "db");
  cpSync(inject("pgliteTemplate"), process.env.PGLITE_DIR, { recursive: true });
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

/**
 * Opening the file's database (PGlite: booting the WASM engine, which takes tens of seconds on a
 * busy 2-core machine) happens here, under its own limit, never inside the first test's 30 s.
 * A file tagged `@module-tag own-database` opens its own connections and is left alone.
 */
export const DATABASE_START_LIMIT_MS = 180_000;
// biome-ignore lint/correctness/noEmptyPattern: Vitest passes the file's suite as the 2nd argument only
beforeAll(async ({}, file) => {
  if (file.tags?.includes("own-database")) return;
  const { getDb } = await import("../lib/database");
  await getDb();
}, DATABASE_START_LIMIT_MS);

// A test fails if it logs an error it did not expect (spy on console.error/stderr to expect one).
const stderr = vi.spyOn(process.stderr, "write");
afterEach(() => {
  const errors = stderr.mock.calls
    .map((c) => String(c[0]))
    .filter((line) => line.includes('"level":"error"'));
  stderr.mockClear();
  expect(errors, "unexpected error logs").toEqual([]);
});

afterAll(async () => {
  const { closeDb } = await import("../lib/database");
  await closeDb();
  await cleanup();
});

export const testDatabaseKind = base ? "postgres" : "pglite";
