import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, expect, inject, vi } from "vitest";
import { adminQuery, uniqueName, withDatabase } from "./databases";

// Every test file gets a database of its own: a clone of the run's template on PostgreSQL, or a
// fresh PGlite folder. Nothing one file writes is seen by another.
const base = process.env.KEEPCART_TEST_BASE_URL ?? process.env.DATABASE_URL;
process.env.KEEPCART_TEST_BASE_URL = base ?? "";
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0001";
process.env.LOG_LEVEL ??= "warn";
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
  const dir = mkdtempSync(path.join(tmpdir(), "keepcart-pglite-"));
  process.env.PGLITE_DIR = path.join(dir, "db");
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

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
  const { closeDb } = await import("../lib/db");
  await closeDb();
  await cleanup();
});

export const testDatabaseKind = base ? "postgres" : "pglite";
