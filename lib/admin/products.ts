import { asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { categories, productImages, products } from "@/db/schema";
import { withDb } from "../database";
import { AppError } from "../errors";
import { imagePath } from "../images/urls";
import { rowIdFromText } from "../validation";
import { changedFields, recordEdit } from "./audit";

export type AdminProduct = {
  id: number;
  slug: string;
  name: string;
  category: string;
  image: string | null;
  priceCents: number;
  stock: number;
  active: boolean;
  archived: boolean;
};

/** Every product, on sale or not, archived ones included (the storefront's lib/catalog lists only those on sale). */
export async function listAdminProducts(): Promise<AdminProduct[]> {
  const rows = await withDb((db) =>
    db
      .select({
        id: products.id,
        slug: products.slug,
        name: products.name,
        category: categories.name,
        imageHash: productImages.hash,
        priceCents: products.priceCents,
        stock: products.stock,
        active: products.active,
        archivedAt: products.archivedAt,
      })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .leftJoin(productImages, eq(productImages.id, products.imageId))
      .orderBy(asc(categories.name), asc(products.name)),
  );
  return rows.map(({ imageHash, archivedAt, ...p }) => ({
    ...p,
    image: imageHash ? imagePath(imageHash) : null,
    archived: archivedAt !== null,
  }));
}

export const MAX_STOCK = 100_000;

/** "12", "12.5" or "12.50" pounds → integer pence, without going through floating point. */
export const priceSchema = z
  .string({ error: "Enter a price." })
  .trim()
  .regex(/^\d{1,6}(\.\d{1,2})?$/, "Enter a price like 12.50.")
  .transform((s) => {
    const [whole, fraction = ""] = s.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .refine((cents) => cents > 0, "The price must be more than zero.");

export const stockSchema = z
  .string({ error: "Enter the stock." })
  .trim()
  .regex(/^\d+$/, "Stock must be a whole number, 0 or more.")
  .transform(Number)
  .refine((n) => n <= MAX_STOCK, `Stock can be at most ${MAX_STOCK}.`);

export const productUpdateSchema = z.object({
  productId: rowIdFromText("Unknown product."),
  price: priceSchema,
  stock: stockSchema,
  // An unticked checkbox sends nothing: absent means "not on sale".
  active: z
    .enum(["on", "true", "false"])
    .optional()
    .transform((v) => v === "on" || v === "true"),
});

export type ProductUpdate = { productId: number; priceCents: number; stock: number; active: boolean };
export type ProductUpdateResult = {
  changed: boolean;
  product: { name: string } & Omit<ProductUpdate, "productId">;
};

/** Sets price, stock and on-sale in one transaction with its audit record. No change, no record. */
export async function updateProduct(input: ProductUpdate & { actor: string }): Promise<ProductUpdateResult> {
  return withDb((db) =>
    db.transaction(async (tx) => {
      const found = await tx.execute<{ name: string; price_cents: number; stock: number; active: boolean }>(
        sql`select name, price_cents, stock, active from products where id = ${input.productId} for update`,
      );
      const row = found.rows[0];
      if (!row) throw new AppError("NOT_FOUND", "There is no such product.");
      const before = { priceCents: row.price_cents, stock: row.stock, active: row.active };
      const after = { priceCents: input.priceCents, stock: input.stock, active: input.active };
      const changed = changedFields(before, after);
      if (changed.length === 0) return { changed: false, product: { name: row.name, ...after } };
      await tx
        .update(products)
        .set({ ...after, updatedAt: new Date() })
        .where(eq(products.id, input.productId));
      await recordEdit(
        tx,
        { actor: input.actor, action: "product.update", entity: "product", entityId: input.productId },
        { before, after, changed },
      );
      return { changed: true, product: { name: row.name, ...after } };
    }),
  );
}
