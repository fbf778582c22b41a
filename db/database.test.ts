// @module-tag pglite
// @module-tag own-database
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it } from "vitest";
import { adminQuery, uniqueName, withDatabase } from "@/test/databases";
import { scratchDir } from "@/test/scratch";
import { CATEGORIES, PRODUCTS } from "./catalog";
import { createEmbeddedStore, createPostgresStore, EmbeddedDatabaseLockedError } from "./client";
import { MIGRATIONS_FOLDER, migrate } from "./migrate";
import { attachSeedImages, catalogNeeds, seedCatalog } from "./seed";

/** A copy of the migrations folder as the release before the product pictures shipped it. */
const PREVIOUS_RELEASE_LAST_IDX = 1;

function previousReleaseMigrations(): string {
  const dir = scratchDir("keepcart-prev-");
  mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
  // The last release before mail, payments, pictures and the session cache: 0000 and 0001.
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= PREVIOUS_RELEASE_LAST_IDX);
  writeFileSync(path.join(dir, "meta", "_journal.json"), JSON.stringify(journal));
  for (const e of journal.entries)
    cpSync(path.join(MIGRATIONS_FOLDER, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

describe("the migration journal", () => {
  // The migrator applies what is newer than the newest applied `when`: a migration merged from a
  // branch with an older timestamp than one already applied would be skipped for ever.
  it("lists migrations in file order with strictly increasing timestamps", () => {
    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
    const entries = journal.entries as { idx: number; when: number; tag: string }[];
    entries.forEach((e, i) => {
      expect(e.idx).toBe(i);
      expect(e.tag.startsWith(String(i).padStart(4, "0"))).toBe(true);
      if (i > 0) expect(e.when).toBeGreaterThan(entries[i - 1]!.when);
    });
  });
});

// About the embedded store itself: it runs in the PGlite stage (npm run test:pglite), where this
// file also runs, and not a second time (two WASM start-ups) beside PostgreSQL.
describe.runIf(!process.env.KEEPCART_TEST_BASE_URL)("embedded database", () => {
  it("refuses a second open of the same folder with a clear error, and keeps data across reopen", async () => {
    const dir = path.join(scratchDir("keepcart-lock-"), "db");
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

describe.runIf(process.env.KEEPCART_TEST_BASE_URL)("a database made by the previous release", () => {
  it("keeps its products, carts and orders after the migration and gets the demo pictures once", async () => {
    const base = process.env.KEEPCART_TEST_BASE_URL!;
    const name = uniqueName("prev");
    await adminQuery(base, `create database ${name}`);
    const settings = { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 30_000, idleTimeoutMs: 1000 };
    const store = createPostgresStore(withDatabase(base, name), settings, () => {});
    const oldFolder = previousReleaseMigrations();
    try {
      // The previous release: its migrations, its seed (static SVG paths), a cart and an order.
      await migrate(store.db, { migrationsFolder: oldFolder });
      for (const c of CATEGORIES)
        await store.db.execute(sql`insert into categories (slug, name) values (${c.slug}, ${c.name})`);
      for (const p of PRODUCTS)
        await store.db.execute(sql`
          insert into products (slug, name, description, price_cents, stock, category_id, image)
          select ${p.slug}, ${p.name}, ${p.description}, ${p.priceCents}, ${p.stock}, id, ${`/products/${p.slug}.svg`}
          from categories where slug = ${p.category}`);
      await store.db.execute(sql`
        with u as (insert into users (email, password_hash) values ('old@example.test', 'x') returning id),
          o as (insert into orders (user_id, idempotency_key, total_cents, ship_full_name, ship_line1, ship_city,
                  ship_postal_code, ship_country)
                select id, 'previous-release-order', 3900, 'Ada', '1 Road', 'London', 'N1 1AA', 'UK' from u returning id),
          c as (insert into carts (user_id) select id from u returning id),
          ci as (insert into cart_items (cart_id, product_id, quantity)
                 select c.id, p.id, 2 from c, products p where p.slug = 'camp-mug')
        insert into order_items (order_id, product_id, product_name, unit_price_cents, quantity)
        select o.id, p.id, p.name, p.price_cents, 1 from o, products p where p.slug = 'cast-iron-skillet'`);

      const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8"));
      expect(await migrate(store.db)).toBe(journal.entries.length - (PREVIOUS_RELEASE_LAST_IDX + 1));
      expect(await catalogNeeds(store.db)).toEqual({ empty: false, pictures: true });
      expect(await store.db.transaction((tx) => attachSeedImages(tx))).toBe(PRODUCTS.length);
      expect(await catalogNeeds(store.db)).toEqual({ empty: false, pictures: false });
      expect(await store.db.transaction((tx) => attachSeedImages(tx))).toBe(0);
      expect(await seedCatalog(store.db)).toBe(0); // nothing new, nothing overwritten

      const rows = await store.db.execute<{ pictures: number; distinct_hashes: number; on_sale: number }>(sql`
        select count(p.image_id)::int as pictures, count(distinct i.hash)::int as distinct_hashes,
          count(*) filter (where p.active and p.archived_at is null)::int as on_sale
        from products p left join product_images i on i.id = p.image_id`);
      expect(rows.rows[0]).toEqual({ pictures: 28, distinct_hashes: 28, on_sale: 28 });
      const kept = await store.db.execute<{ items: number; lines: number; count: number }>(sql`
        select (select count(*)::int from order_items) as items, (select quantity from cart_items) as lines,
          (select item_count from carts) as count`);
      expect(kept.rows[0]).toEqual({ items: 1, lines: 2, count: 2 });
    } finally {
      await store.close();
      rmSync(oldFolder, { recursive: true, force: true });
      await adminQuery(base, `drop database if exists ${name} with (force)`);
    }
  });
});
