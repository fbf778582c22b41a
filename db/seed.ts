import { readFile } from "node:fs/promises";
import path from "node:path";
import { and, inArray, isNull, sql } from "drizzle-orm";
import { CATEGORIES, PRODUCTS } from "./catalog";
import type { Db, Queryable } from "./client";
import { contentHash } from "./image-hash";
import { categories, products } from "./schema";

/** Pictures of the demo catalog, drawn by scripts/make-product-images.mjs (800 × 800 WebP). */
export const SEED_IMAGES_FOLDER = path.join(process.cwd(), "db", "seed-images");
const SEED_IMAGE_SIDE = 800;

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
      .values(PRODUCTS.map(({ category, ...p }) => ({ ...p, categoryId: idOf.get(category)! })))
      .onConflictDoNothing({ target: products.slug })
      .returning({ id: products.id });
    await attachSeedImages(tx);
    return inserted.length;
  });
}

/**
 * Gives each demo product without a picture its drawing. A database made by the previous release has
 * the demo products with the old static SVG paths: they get their pictures here, once.
 */
export async function attachSeedImages(tx: Queryable): Promise<number> {
  const missing = await tx
    .select({ id: products.id, slug: products.slug })
    .from(products)
    .where(
      and(
        isNull(products.imageId),
        inArray(
          products.slug,
          PRODUCTS.map((p) => p.slug),
        ),
      ),
    );
  let attached = 0;
  for (const { id, slug } of missing) {
    const bytes = await readFile(path.join(SEED_IMAGES_FOLDER, `${slug}.webp`));
    const image = await tx.execute<{ id: number }>(sql`
      insert into product_images (hash, width, height, bytes)
      values (${contentHash(bytes)}, ${SEED_IMAGE_SIDE}, ${SEED_IMAGE_SIDE}, ${bytes})
      on conflict (hash) do update set hash = excluded.hash
      returning id`);
    await tx.execute(sql`update products set image_id = ${image.rows[0]!.id} where id = ${id}`);
    attached++;
  }
  return attached;
}

/** What start-up has to do: seed an empty catalog, or give the demo products their pictures. */
export async function catalogNeeds(db: Db): Promise<{ empty: boolean; pictures: boolean }> {
  const result = await db.execute<{ empty: boolean; pictures: boolean }>(sql`
    select not exists (select 1 from products) as empty,
      exists (select 1 from products where image_id is null and image like '/products/%.svg') as pictures`);
  const row = result.rows[0];
  return { empty: row?.empty === true, pictures: row?.pictures === true };
}
