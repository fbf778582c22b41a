import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { type Claim, claimDatabase } from "./claim.ts";
import type { Db } from "./client";

// Any constant works; it only has to be the same in every instance.
const MIGRATION_LOCK_KEY = 7_420_001;

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/**
 * Applies the committed drizzle-kit migrations in one transaction that holds a transaction-level
 * advisory lock: two instances starting together queue up, and the second finds nothing to do.
 * A transaction-level lock (not a session-level one) also holds through a transaction-mode pooler.
 * Uses drizzle's own bookkeeping table, so `drizzle-kit migrate` and this agree. A Vercel build passes
 * `claim`, which refuses a preview build on production's database before anything changes.
 */
export async function migrate(
  db: Db,
  { migrationsFolder = MIGRATIONS_FOLDER, claim }: { migrationsFolder?: string; claim?: Claim } = {},
): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
    if (claim) await claimDatabase(tx, claim);
    await tx.execute(sql`create schema if not exists drizzle`);
    await tx.execute(
      sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`,
    );
    const last = await tx.execute<{ created_at: string | null }>(
      sql`select max(created_at)::text as created_at from drizzle.__drizzle_migrations`,
    );
    const appliedUpTo = Number(last.rows[0]?.created_at ?? 0);
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= appliedUpTo) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      );
      applied++;
    }
    return applied;
  });
}
