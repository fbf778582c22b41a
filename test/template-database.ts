import { createEmbeddedStore, createPostgresStore, type Store } from "../db/client";
import { migrate } from "../db/migrate";
import { seedCatalog } from "../db/seed";
import { adminQuery, uniqueName, withDatabase } from "./databases";

/**
 * One migrated, seeded database per test run, for the run's tests to copy (`create database …
 * template …`, or a copy of the PGlite folder): no test pays for migrating and seeding, and nothing
 * one test writes is seen by another. Used by vitest (test/global-setup.ts) and Playwright
 * (e2e/global-setup.ts). Returns its name and the drop to run at the end.
 */
export async function createTemplateDatabase(
  baseUrl: string,
  label: string,
): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = uniqueName(label);
  await adminQuery(baseUrl, `create database ${name}`);
  await prepare(
    createPostgresStore(
      withDatabase(baseUrl, name),
      { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, idleTimeoutMs: 1000 },
      () => {},
    ),
  );
  return { name, drop: () => adminQuery(baseUrl, `drop database if exists ${name} with (force)`) };
}

/** The same, as a PGlite folder at `folder`. */
export async function createTemplateFolder(folder: string): Promise<void> {
  await prepare(await createEmbeddedStore(folder));
}

async function prepare(store: Store): Promise<void> {
  try {
    await migrate(store.db);
    await seedCatalog(store.db);
  } finally {
    await store.close();
  }
}
