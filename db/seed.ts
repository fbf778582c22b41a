import { sql } from "drizzle-orm";
import { CATEGORIES, PRODUCTS } from "./catalog";
import type { Db } from "./client";
import { categories, products } from "./schema";

/** Idempotent: inserts what is missing, never overwrites what staff have changed. Returns products added. */
export async function seedCatalog(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await tx
      .insert(categories)
      .values([...CATEGORIES])
      .onConflictDoNothing({ target: categories.slug });
    const rows = await tx.select({ id: categories.id, slug: categories.slug }).from(categories);
    const idOf = new Map(rows.map((r) => [r.slug, r.id]));
    const inserted = await tx
      .insert(products)
      .values(
        PRODUCTS.map(({ category, ...p }) => ({
          ...p,
          categoryId: idOf.get(category)!,
          image: `/products/${p.slug}.svg`,
        })),
      )
      .onConflictDoNothing({ target: products.slug })
      .returning({ id: products.id });
    return inserted.length;
  });
}

export async function catalogIsEmpty(db: Db): Promise<boolean> {
  const result = await db.execute<{ empty: boolean }>(
    sql`select not exists (select 1 from products) as empty`,
  );
  return result.rows[0]?.empty === true;
}
