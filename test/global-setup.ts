import type { TestProject } from "vitest/node";
import { createPostgresStore } from "../db/client";
import { migrate } from "../db/migrate";
import { seedCatalog } from "../db/seed";
import { adminQuery, uniqueName, withDatabase } from "./databases";

/**
 * With DATABASE_URL: one migrated, seeded template database per run; each test file clones it
 * (test/setup.ts) and drops its clone. Without: each file gets its own PGlite folder.
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) return;
  const template = uniqueName("tpl");
  await adminQuery(base, `create database ${template}`);
  const store = createPostgresStore(
    withDatabase(base, template),
    { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, idleTimeoutMs: 1000 },
    () => {},
  );
  await migrate(store.db);
  await seedCatalog(store.db);
  await store.close();
  project.provide("templateDatabase", template);
  return async () => {
    await adminQuery(base, `drop database if exists ${template} with (force)`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
  }
}
