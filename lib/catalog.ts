import "server-only";
import { and, asc, eq, ilike, or, type SQL } from "drizzle-orm";
import { categories, products } from "@/db/schema";
import { withDb } from "./db";

export type Product = {
  id: number;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  active: boolean;
  image: string;
  category: { slug: string; name: string };
};

const columns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  priceCents: products.priceCents,
  stock: products.stock,
  active: products.active,
  image: products.image,
  categorySlug: categories.slug,
  categoryName: categories.name,
};

type Row = { [K in keyof typeof columns]: (typeof columns)[K]["_"]["data"] };

function toProduct({ categorySlug, categoryName, ...p }: Row): Product {
  return { ...p, category: { slug: categorySlug, name: categoryName } };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Products on sale, optionally in one category and matching a text search over name and description. */
export async function listProducts(filter: { category?: string; q?: string } = {}): Promise<Product[]> {
  const conditions: SQL[] = [eq(products.active, true)];
  if (filter.category) conditions.push(eq(categories.slug, filter.category));
  const q = filter.q?.trim().slice(0, 100);
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(or(ilike(products.name, pattern), ilike(products.description, pattern))!);
  }
  const rows = await withDb((db) =>
    db
      .select(columns)
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(and(...conditions))
      .orderBy(asc(categories.name), asc(products.name)),
  );
  return rows.map(toProduct);
}

export async function getProductBySlug(slug: string): Promise<Product | null> {
  // Only slug-shaped text reaches SQL: a NUL byte in a URL would be a database error, not a 404.
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return null;
  const rows = await withDb((db) =>
    db
      .select(columns)
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(and(eq(products.slug, slug), eq(products.active, true))),
  );
  return rows[0] ? toProduct(rows[0]) : null;
}

export async function getProductById(id: number): Promise<Product | null> {
  const rows = await withDb((db) =>
    db
      .select(columns)
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .where(and(eq(products.id, id), eq(products.active, true))),
  );
  return rows[0] ? toProduct(rows[0]) : null;
}

export async function listCategories(): Promise<{ slug: string; name: string }[]> {
  return withDb((db) =>
    db
      .select({ slug: categories.slug, name: categories.name })
      .from(categories)
      .orderBy(asc(categories.name)),
  );
}
