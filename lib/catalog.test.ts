import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as productsRoute from "@/app/api/products/route";
import { PRODUCTS } from "@/db/catalog";
import { callRoute } from "@/test/hostile/harness";
import { getProductBySlug, listRelated, searchCatalog } from "./catalog";
import { catalogHref, readCatalogParams } from "./catalog-query";
import { getDb } from "./database";

const ALL = PRODUCTS.length; // 28, every one on sale in a fresh database

// Opening the database (PGlite boots WASM, migrates and seeds) is not part of any one test's time.
beforeAll(() => getDb(), 180_000);

async function everyPage(query: Parameters<typeof searchCatalog>[0] = {}) {
  const first = await searchCatalog(query);
  const pages = [first];
  for (let page = 2; page <= first.pageCount; page++) pages.push(await searchCatalog({ ...query, page }));
  return pages;
}

describe("catalog pages", () => {
  it("cuts the catalog into pages of 12 that neither overlap nor skip, with the total on each", async () => {
    const pages = await everyPage();
    expect(pages.map((p) => p.products.length)).toEqual([12, 12, ALL - 24]);
    expect(pages.every((p) => p.total === ALL && p.pageCount === 3 && p.perPage === 12)).toBe(true);
    const slugs = pages.flatMap((p) => p.products.map((x) => x.slug));
    expect(new Set(slugs).size).toBe(ALL);
  });

  it("answers a page past the end with no products but the real total (the page redirects on it)", async () => {
    const past = await searchCatalog({ page: 9 });
    expect(past).toMatchObject({ products: [], total: ALL, pageCount: 3, page: 9 });
    const none = await searchCatalog({ q: "zzz-nothing" });
    expect(none).toMatchObject({ products: [], total: 0, pageCount: 1 });
  });

  it("sorts by price both ways, by name and by newest, stable across pages", async () => {
    const prices = (await everyPage({ sort: "price-asc" })).flatMap((p) =>
      p.products.map((x) => x.priceCents),
    );
    expect(prices).toEqual([...PRODUCTS.map((p) => p.priceCents)].sort((a, b) => a - b));
    const down = (await everyPage({ sort: "price-desc" })).flatMap((p) =>
      p.products.map((x) => x.priceCents),
    );
    expect(down).toEqual([...prices].reverse());
    const names = (await everyPage({ sort: "name" })).flatMap((p) => p.products.map((x) => x.name));
    expect(names[0]).toBe("Brass Pen");
    expect(names.at(-1)).toBe("Wool Blanket");
    const initials = names.map((n) => n[0]!);
    expect(initials).toEqual([...initials].sort());

    const db = await getDb();
    await db.execute(
      sql`update products set created_at = now() + interval '1 minute' where slug = 'camp-mug'`,
    );
    expect((await searchCatalog({ sort: "newest" })).products[0]?.slug).toBe("camp-mug");
  });

  it("features what is in stock first: the sold-out products end the last page", async () => {
    const soldOut = PRODUCTS.filter((p) => p.stock === 0).map((p) => p.slug);
    expect(soldOut.length).toBeGreaterThan(0);
    const last = (await everyPage()).at(-1)!.products;
    expect(
      last
        .slice(-soldOut.length)
        .map((p) => p.slug)
        .sort(),
    ).toEqual([...soldOut].sort());
    expect(last.slice(-soldOut.length).every((p) => p.stock === 0)).toBe(true);
  });

  it("counts a search and a category the way a shopper reads them", async () => {
    const lamp = PRODUCTS.filter((p) => `${p.name} ${p.description}`.toLowerCase().includes("lamp"));
    const found = await searchCatalog({ q: "lamp" });
    expect(found.total).toBe(lamp.length);
    expect(found.products.map((p) => p.slug).sort()).toEqual(lamp.map((p) => p.slug).sort());
    const kitchen = await searchCatalog({ category: "kitchen", perPage: 100 });
    expect(kitchen.total).toBe(PRODUCTS.filter((p) => p.category === "kitchen").length);
    expect(kitchen.products.every((p) => p.category.slug === "kitchen")).toBe(true);
    // A search for LIKE's own wildcards matches them literally, not everything.
    expect((await searchCatalog({ q: "%" })).total).toBe(0);
  });

  it("leaves out archived products and those off sale; related products share the category", async () => {
    const db = await getDb();
    await db.execute(sql`update products set active = false, archived_at = now() where slug = 'desk-lamp'`);
    await db.execute(sql`update products set active = false where slug = 'brass-pen'`);
    const all = (await everyPage()).flatMap((p) => p.products.map((x) => x.slug));
    expect(all).not.toContain("desk-lamp");
    expect(all).not.toContain("brass-pen");
    expect((await searchCatalog()).total).toBe(ALL - 2);
    expect(await getProductBySlug("desk-lamp")).toBeNull();

    const pen = (await getProductBySlug("monitor-stand"))!;
    const related = await listRelated(pen);
    expect(related.length).toBe(4);
    expect(related.every((p) => p.category.slug === "desk" && p.slug !== "monitor-stand")).toBe(true);
    expect(related.map((p) => p.slug)).not.toContain("desk-lamp");
    await db.execute(
      sql`update products set active = true, archived_at = null where slug in ('desk-lamp', 'brass-pen')`,
    );
  });

  it("gives every seeded product its own picture URL", async () => {
    const products = (await everyPage()).flatMap((p) => p.products);
    const images = products.map((p) => p.image);
    expect(images.every((i) => i !== null && /^\/images\/[0-9a-f]{32}$/.test(i))).toBe(true);
    expect(new Set(images).size).toBe(products.length);
  });
});

describe("catalog URLs", () => {
  it("leaves defaults out of links and reads back what it wrote", () => {
    expect(catalogHref({})).toBe("/");
    expect(catalogHref({ sort: "featured", page: 1 })).toBe("/");
    const href = catalogHref({ category: "desk", q: "lamp", sort: "price-desc", page: 2 });
    expect(href).toBe("/?category=desk&q=lamp&sort=price-desc&page=2");
    const params = Object.fromEntries(new URL(href, "http://x").searchParams);
    expect(readCatalogParams(params)).toEqual({ category: "desk", q: "lamp", sort: "price-desc", page: 2 });
  });

  it("reads a mangled URL as the default instead of failing", () => {
    expect(readCatalogParams({ sort: "cheapest", page: "-3", q: "a\u0000b", category: ["x", "y"] })).toEqual({
      category: undefined,
      q: "a b",
      sort: undefined,
      page: undefined,
    });
  });
});

describe("GET /api/products", () => {
  it("pages and sorts like the storefront", async () => {
    const answer = await callRoute(productsRoute.GET, {
      method: "GET",
      path: "/api/products?sort=price-desc&page=2&perPage=5",
    });
    expect(answer.status).toBe(200);
    const body = answer.body as unknown as Awaited<ReturnType<typeof searchCatalog>>;
    expect(body).toMatchObject({ total: ALL, page: 2, perPage: 5, pageCount: 6, sort: "price-desc" });
    expect(body.products).toHaveLength(5);
    const expected = [...PRODUCTS].sort((a, b) => b.priceCents - a.priceCents).slice(5, 10);
    expect(body.products.map((p) => p.priceCents)).toEqual(expected.map((p) => p.priceCents));
  });

  it("refuses a bad sort, page or page size with a 400 naming it", async () => {
    for (const [query, field] of [
      ["sort=cheapest", "sort"],
      ["page=0", "page"],
      ["page=abc", "page"],
      ["perPage=101", "perPage"],
    ] as const) {
      const answer = await callRoute(productsRoute.GET, { method: "GET", path: `/api/products?${query}` });
      expect(answer.status, query).toBe(400);
      expect(answer.body.error?.field, query).toBe(field);
    }
  });
});
