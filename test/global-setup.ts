import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createEmbeddedStore, createPostgresStore, type Store } from "../db/client";
import { migrate } from "../db/migrate";
import { seedCatalog } from "../db/seed";
import { adminQuery, uniqueName, withDatabase } from "./databases";

/**
 * One migrated, seeded template per run, made once here: a database on PostgreSQL (DATABASE_URL),
 * else a PGlite folder. Each test file starts from a copy of it (test/setup.ts), so no file pays
 * for migrating and seeding, and nothing one file writes is seen by another.
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = mkdtempSync(path.join(tmpdir(), "keepcart-pglite-tpl-"));
    const folder = path.join(dir, "db");
    await prepare(await createEmbeddedStore(folder));
    project.provide("pgliteTemplate", folder);
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const template = uniqueName("tpl");
  await adminQuery(base, `create database ${template}`);
  await prepare(
    createPostgresStore(
      withDatabase(base, template),
      { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, idleTimeoutMs: 1000 },
      () => {},
    ),
  );
  project.provide("templateDatabase", template);
  return async () => {
    await adminQuery(base, `drop database if exists ${template} with (force)`);
  };
}

async function prepare(store: Store): Promise<void> {
  try {
    await migrate(store.db);
    await seedCatalog(store.db);
  } finally {
    await store.close();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    pgliteTemplate: string;
  }
}
