import { createTemplateDatabase } from "../test/template-database";

/**
 * The run's template database (test/template-database.ts): each test's own database and each
 * worker's shared one start as a copy of it, migrated and seeded, so a server's first start costs a
 * start, not a migration and a seed. Tests about an empty database ask for one (`emptyDatabase`).
 */
export default async function globalSetup() {
  const base = process.env.DATABASE_URL;
  if (!base) return;
  const template = await createTemplateDatabase(base, "e2e_tpl");
  process.env.KEEPCART_E2E_TEMPLATE = template.name; // read by e2e/fixtures.ts in the workers
  return template.drop;
}
