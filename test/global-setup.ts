import { rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { scratchDir } from "./scratch";
import { createTemplateDatabase, createTemplateFolder } from "./template-database";

/**
 * One migrated, seeded template per run, made once here: a database on PostgreSQL (DATABASE_URL),
 * else a PGlite folder. Each test file starts from a copy of it (test/setup.ts).
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = scratchDir("keepcart-pglite-tpl-");
    const folder = path.join(dir, "db");
    await createTemplateFolder(folder);
    project.provide("pgliteTemplate", folder);
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const template = await createTemplateDatabase(base, "tpl");
  project.provide("templateDatabase", template.name);
  return template.drop;
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDatabase: string;
    pgliteTemplate: string;
  }
}
