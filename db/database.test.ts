// @module-tag pglite
// @module-tag own-database
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it } from "vitest";
import { adminQuery, uniqueName, withDatabase } from "@/test/databases";
import { createEmbeddedStore, createPostgresStore, EmbeddedDatabaseLockedError } from "./client";
import { MIGRATIONS_FOLDER, migrate } from "./migrate";
import { seedCatalog } from "./seed";

describe("embedded database", () => {
  it("refuses a second open of the same folder with a clear error, and keeps data across reopen", async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "keepcart-lock-")), "db");
    const first = await createEmbeddedStore(dir);
    await migrate(first.db);
    await seedCatalog(first.db);
    // Same process, different holder pid: simulate another process owning the lock.
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${path.resolve(dir)}.lock`, String(process.ppid));
    await expect(createEmbeddedStore(dir)).rejects.toBeInstanceOf(EmbeddedDatabaseLockedError);
    await expect(createEmbeddedStore(dir)).rejects.toThrow(/in use by another process/);
    writeFileSync(`${path.resolve(dir)}.lock`, String(process.pid));
    await first.close();

    const reopened = await createEmbeddedStore(dir);
    const count = await reopened.db.execute<{ n: number }>(sql`select count(*)::int as n from products`);
    expect(Number(count.rows[0]!.n)).toBe(28);
    await reopened.close();
    rmSync(path.dirname(dir), { recursive: true, force: true });
  }, 120_000); // two PGlite start-ups: WASM boot is slow on a busy 2-core machine
});

describe.runIf(process.env.KEEPCART_TEST_BASE_URL)("migrations on PostgreSQL", () => {
  it("two instances migrating an empty database at once apply each migration exactly once", async () => {
    const base = process.env.KEEPCART_TEST_BASE_URL!;
    const name = uniqueName("mig");
    await adminQuery(base, `create database ${name}`);
    const settings = { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, idleTimeoutMs: 1000 };
    const a = createPostgresStore(withDatabase(base, name), settings, () => {});
    const b = createPostgresStore(withDatabase(base, name), settings, () => {});
    try {
      const committed = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER }).length;
      expect(committed).toBeGreaterThanOrEqual(2);
      const applied = await Promise.all([migrate(a.db), migrate(b.db)]);
      expect(applied.sort()).toEqual([0, committed]); // one instance applies them all, the other none
      const rows = await a.db.execute<{ n: number }>(
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(Number(rows.rows[0]!.n)).toBe(committed);
      const [x, y] = await Promise.all([seedCatalog(a.db), seedCatalog(b.db)]);
      expect(x + y).toBe(28);
    } finally {
      await a.close();
      await b.close();
      await adminQuery(base, `drop database if exists ${name} with (force)`);
    }
  });
});
