import "server-only";
import { and, asc, desc, eq, ilike, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import { cache } from "react";
import { categories, productImages, products } from "@/db/schema";
import { type CatalogQuery, MAX_PAGE_SIZE, PAGE_SIZE, type Sort } from "./catalog-query";
import { withDb } from "./database";
import { imagePath } from "./images/urls";

export type Product = {
  id: number;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  stock: number;
  active: boolean;
  /** `/images/<content hash>` (append `/<width>` for a resized copy), or null when it has no picture. */
  image: string | null;
  category: { slug: string; name: string };
};

export type CatalogPage = {
  products: Product[];
  /** Products matching the filter, over all pages. */
  total: number;
  page: number;
  pageCount: number;
  perPage: number;
  sort: Sort;
};

const columns = {
  id: products.id,
  slug: products.slug,
  name: products.name,
  description: products.description,
  priceCents: products.priceCents,
  stock: products.stock,
  active: products.active,
  imageHash: productImages.hash,
  categorySlug: categories.slug,
  categoryName: categories.name,
};

type Row = Omit<{ [K in keyof typeof columns]: (typeof columns)[K]["_"]["data"] }, "imageHash"> & {
  imageHash: string | null;
};

function toProduct({ categorySlug, categoryName, imageHash, ...p }: Row): Product {
  return {
    ...p,
    image: imageHash ? imagePath(imageHash) : null,
    category: { slug: categorySlug, name: categoryName },
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** On sale and not archived: what a shopper may see and buy. */
const onSale = and(eq(products.active, true), isNull(products.archivedAt))!;

// featured: in stock first, then by category and name. Every order ends in the id, so pages never overlap or skip a product that ties on price or name.
const ORDER: Record<Sort, SQL[]> = {
  featured: [sql`(${products.stock} > 0) desc`, asc(categories.name), asc(products.name), asc(products.id)],
  "price-asc": [asc(products.priceCents), asc(products.name), asc(products.id)],
  "price-desc": [desc(products.priceCents), asc(products.name), asc(products.id)],
  name: [asc(products.name), asc(products.id)],
  newest: [desc(products.createdAt), desc(products.id)],
};

function filterOf(query: Pick<CatalogQuery, "category" | "q">): SQL {
  const conditions: SQL[] = [onSale];
  if (query.category) conditions.push(eq(categories.slug, query.category));
  const q = query.q?.trim().slice(0, 100);
  if (q) {
    const pattern = `%${escapeLike(q)}%`;
    conditions.push(or(ilike(products.name, pattern), ilike(products.description, pattern))!);
  }
  return and(...conditions)!;
}

/** One page of the catalog with the total, in one query (a second only when the page is past the end). */
export async function searchCatalog(query: CatalogQuery = {}): Promise<CatalogPage> {
  const sort = query.sort ?? "featured";
  const perPage = Math.min(Math.max(query.perPage ?? PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const page = Math.max(query.page ?? 1, 1);
  const where = filterOf(query);
  return withDb(async (db) => {
    const rows = await db
      .select({ ...columns, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .leftJoin(productImages, eq(productImages.id, products.imageId))
      .where(where)
      .orderBy(...ORDER[sort])
      .limit(perPage)
      .offset((page - 1) * perPage);
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 && page > 1) {
      const counted = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(products)
        .innerJoin(categories, eq(categories.id, products.categoryId))
        .where(where);
      total = counted[0]?.n ?? 0;
    }
    return {
      products: rows.map(({ total: _total, ...row }) => toProduct(row)),
      total,
      page,
      pageCount: Math.max(1, Math.ceil(total / perPage)),
      perPage,
      sort,
    };
  });
}

async function findOne(condition: SQL): Promise<Product | null> {
  const rows = await withDb((db) =>
    db
      .select(columns)
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .leftJoin(productImages, eq(productImages.id, products.imageId))
      .where(and(condition, onSale)),
  );
  return rows[0] ? toProduct(rows[0]) : null;
}

export async function getProductBySlug(slug: string): Promise<Product | null> {
  // Only slug-shaped text reaches SQL: a NUL byte in a URL would be a database error, not a 404.
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return null;
  return findOne(eq(products.slug, slug));
}

/** Up to `limit` other products of the same category, in stock first. */
export async function listRelated(product: Product, limit = 4): Promise<Product[]> {
  const rows = await withDb((db) =>
    db
      .select(columns)
      .from(products)
      .innerJoin(categories, eq(categories.id, products.categoryId))
      .leftJoin(productImages, eq(productImages.id, products.imageId))
      .where(and(onSale, eq(categories.slug, product.category.slug), ne(products.id, product.id)))
      .orderBy(...ORDER.featured)
      .limit(limit),
  );
  return rows.map(toProduct);
}

/** Cached per request: the catalog's metadata and page both need them. */
export const listCategories = cache(
  async (): Promise<{ slug: string; name: string }[]> =>
    withDb((db) =>
      db
        .select({ slug: categories.slug, name: categories.name })
        .from(categories)
        .orderBy(asc(categories.name)),
    ),
);

/** Every product page for the sitemap: slug and when it last changed. */
export async function listProductSlugs(): Promise<{ slug: string; updatedAt: Date }[]> {
  return withDb((db) =>
    db
      .select({ slug: products.slug, updatedAt: products.updatedAt })
      .from(products)
      .where(onSale)
      .orderBy(asc(products.slug)),
  );
}
