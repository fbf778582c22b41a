// @module-tag pglite
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { productIdBySlug } from "@/test/fixtures";
import { getProductBySlug, searchCatalog } from "../catalog";
import { getDb } from "../database";
import { listAudit } from "./audit";
import { productUpdateSchema, updateProduct } from "./products";

async function auditRows(entityId: number) {
  const db = await getDb();
  const result = await db.execute<{ actor: string; action: string; before: unknown; after: unknown }>(
    sql`select actor, action, before, after from audit_log where entity = 'product' and entity_id = ${String(entityId)} order by id`,
  );
  return result.rows;
}

describe("product edit input", () => {
  const parse = (fields: Record<string, string>) =>
    productUpdateSchema.safeParse({ productId: "1", price: "12.50", stock: "5", ...fields });

  it("turns pounds into whole pence without floating point", () => {
    expect(parse({ price: "12.5" }).data?.price).toBe(1250);
    expect(parse({ price: "0.29" }).data?.price).toBe(29);
    expect(parse({ price: " 39 " }).data?.price).toBe(3900);
    expect(parse({ price: "19.99" }).data?.price).toBe(1999);
  });

  it("refuses prices and stock that make no sense, with a clear message", () => {
    expect(parse({ price: "0" }).error?.issues[0]?.message).toBe("The price must be more than zero.");
    for (const price of ["1.234", "-3", "abc", "", "1e3", "1,50"]) {
      expect(parse({ price }).error?.issues[0]?.message, price).toMatch(/price/i);
    }
    for (const stock of ["-1", "2.5", "", "many", "100001"]) {
      expect(parse({ stock }).success, stock).toBe(false);
    }
  });

  it("reads the on-sale checkbox: ticked sends 'on', unticked sends nothing", () => {
    expect(parse({ active: "on" }).data?.active).toBe(true);
    expect(parse({}).data?.active).toBe(false);
  });
});

describe("updateProduct", () => {
  it("changes price, stock and on-sale, shows on the storefront at once, and audits before and after", async () => {
    const productId = await productIdBySlug("brass-pen");
    const original = (await getProductBySlug("brass-pen"))!;
    const result = await updateProduct({
      productId,
      priceCents: 2750,
      stock: 7,
      active: true,
      actor: "alice",
    });
    expect(result).toMatchObject({ changed: true, product: { priceCents: 2750, stock: 7, active: true } });
    expect(await getProductBySlug("brass-pen")).toMatchObject({ priceCents: 2750, stock: 7 });
    expect(await auditRows(productId)).toEqual([
      {
        actor: "alice",
        action: "product.update",
        before: { priceCents: original.priceCents, stock: original.stock },
        after: { priceCents: 2750, stock: 7 },
      },
    ]);

    await updateProduct({ productId, priceCents: 2750, stock: 7, active: false, actor: "bob" });
    expect(await getProductBySlug("brass-pen")).toBeNull();
    expect((await searchCatalog({ perPage: 100 })).products.some((p) => p.slug === "brass-pen")).toBe(false);
    const listed = await listAudit();
    expect(listed[0]).toMatchObject({
      actor: "bob",
      label: original.name,
      before: { active: true },
      after: { active: false },
    });
  });

  it("records nothing when nothing changed", async () => {
    const productId = await productIdBySlug("camp-mug");
    const p = (await getProductBySlug("camp-mug"))!;
    const result = await updateProduct({
      productId,
      priceCents: p.priceCents,
      stock: p.stock,
      active: true,
      actor: "alice",
    });
    expect(result.changed).toBe(false);
    expect(await auditRows(productId)).toEqual([]);
  });

  it("keeps the audit record and the change together: a refused change leaves neither", async () => {
    const productId = await productIdBySlug("cast-iron-skillet");
    const before = (await getProductBySlug("cast-iron-skillet"))!;
    // Past the edge's validation, the database's own check (price > 0) refuses it mid-transaction.
    await expect(
      updateProduct({ productId, priceCents: 0, stock: 1, active: true, actor: "alice" }),
    ).rejects.toBeTruthy();
    expect(await getProductBySlug("cast-iron-skillet")).toMatchObject({
      priceCents: before.priceCents,
      stock: before.stock,
    });
    expect(await auditRows(productId)).toEqual([]);
    await expect(
      updateProduct({ productId: 999_999, priceCents: 100, stock: 1, active: true, actor: "alice" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
