import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { withDb } from "../database";
import { AppError } from "../errors";
import type { StoredImage } from "../images/process";
import { saveImage } from "../images/store";
import { changedFields, recordAudit, recordEdit } from "./audit";
import type { ProductForm } from "./product-form";

/** Everything the edit form shows, archived or not. */
export type EditableProduct = ProductForm & {
  id: number;
  imageHash: string | null;
  archived: boolean;
};

type Row = {
  id: number;
  name: string;
  slug: string;
  description: string;
  price_cents: number;
  stock: number;
  category_id: number;
  active: boolean;
  image_hash: string | null;
  archived_at: Date | string | null;
};

const toEditable = (r: Row): EditableProduct => ({
  id: r.id,
  name: r.name,
  slug: r.slug,
  description: r.description,
  price: r.price_cents,
  stock: r.stock,
  categoryId: r.category_id,
  active: r.active,
  imageHash: r.image_hash,
  archived: r.archived_at !== null,
});

async function readProduct(q: Queryable, id: number, lock = false): Promise<EditableProduct | null> {
  const result = await q.execute<Row>(sql`
    select p.id, p.name, p.slug, p.description, p.price_cents, p.stock, p.category_id, p.active,
      i.hash as image_hash, p.archived_at
    from products p left join product_images i on i.id = p.image_id
    where p.id = ${id} ${lock ? sql`for update of p` : sql``}`);
  return result.rows[0] ? toEditable(result.rows[0]) : null;
}

export async function getEditableProduct(id: number): Promise<EditableProduct | null> {
  return withDb((db) => readProduct(db, id));
}

async function assertSlugFree(tx: Queryable, slug: string, exceptId?: number): Promise<void> {
  const taken = await tx.execute<{ id: number }>(
    sql`select id from products where slug = ${slug} ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  if (taken.rows.length > 0)
    throw new AppError("CONFLICT", `Another product already uses the slug “${slug}”. Choose another.`, {
      field: "slug",
    });
}

async function assertCategory(tx: Queryable, categoryId: number): Promise<string> {
  const found = await tx.execute<{ slug: string }>(sql`select slug from categories where id = ${categoryId}`);
  if (!found.rows[0]) throw new AppError("BAD_INPUT", "Choose a category.", { field: "categoryId" });
  return found.rows[0].slug;
}

/** What the audit log keeps of a product: its fields, the category by slug and the picture by hash. */
function auditView(p: ProductForm & { imageHash: string | null }, categorySlug: string) {
  return {
    name: p.name,
    slug: p.slug,
    description: p.description,
    priceCents: p.price,
    stock: p.stock,
    category: categorySlug,
    active: p.active,
    image: p.imageHash,
  };
}

/** Creates a product (with its picture, if one came) and its audit record in one transaction. */
export async function createProduct(input: ProductForm & { image: StoredImage | null; actor: string }) {
  return withDb((db) =>
    db.transaction(async (tx) => {
      await assertSlugFree(tx, input.slug);
      const categorySlug = await assertCategory(tx, input.categoryId);
      const imageId = input.image ? await saveImage(tx, input.image) : null;
      const inserted = await tx.execute<{ id: number }>(sql`
        insert into products (slug, name, description, price_cents, stock, active, category_id, image_id)
        values (${input.slug}, ${input.name}, ${input.description}, ${input.price}, ${input.stock},
          ${input.active}, ${input.categoryId}, ${imageId})
        returning id`);
      const id = inserted.rows[0]!.id;
      await recordAudit(tx, {
        actor: input.actor,
        action: "product.create",
        entity: "product",
        entityId: id,
        before: null,
        after: auditView({ ...input, imageHash: input.image?.hash ?? null }, categorySlug),
      });
      return { id, slug: input.slug };
    }),
  );
}

/** Sets every field (and the picture, when a new one came); audits the fields that changed. */
export async function editProduct(
  input: ProductForm & { id: number; image: StoredImage | null; actor: string },
): Promise<{ changed: string[] }> {
  return withDb((db) =>
    db.transaction(async (tx) => {
      const current = await readProduct(tx, input.id, true);
      if (!current) throw new AppError("NOT_FOUND", "There is no such product.");
      if (current.archived && input.active)
        throw new AppError("CONFLICT", "This product is archived: restore it before putting it on sale.", {
          field: "active",
        });
      if (input.slug !== current.slug) await assertSlugFree(tx, input.slug, input.id);
      const categorySlug = await assertCategory(tx, input.categoryId);
      const oldCategory =
        current.categoryId === input.categoryId ? categorySlug : await assertCategory(tx, current.categoryId);
      const imageId = input.image ? await saveImage(tx, input.image) : null;
      const before = auditView(current, oldCategory);
      const after = auditView({ ...input, imageHash: input.image?.hash ?? current.imageHash }, categorySlug);
      const changed = changedFields(before, after);
      if (changed.length === 0) return { changed: [] };
      await tx.execute(sql`
        update products set slug = ${input.slug}, name = ${input.name}, description = ${input.description},
          price_cents = ${input.price}, stock = ${input.stock}, active = ${input.active},
          category_id = ${input.categoryId}, image_id = coalesce(${imageId}, image_id), updated_at = now()
        where id = ${input.id}`);
      await recordEdit(
        tx,
        { actor: input.actor, action: "product.update", entity: "product", entityId: input.id },
        { before, after, changed },
      );
      return { changed };
    }),
  );
}

/**
 * Archive: off the catalog for good (and off sale, so no cart can take more and checkout refuses it);
 * carts keep the line, past orders keep their own copy of name and price. Restore brings it back off sale.
 */
export async function setArchived(input: { id: number; archived: boolean; actor: string }) {
  return withDb((db) =>
    db.transaction(async (tx) => {
      const current = await readProduct(tx, input.id, true);
      if (!current) throw new AppError("NOT_FOUND", "There is no such product.");
      if (current.archived === input.archived) return { changed: false, name: current.name };
      await tx.execute(sql`
        update products set archived_at = ${input.archived ? sql`now()` : null},
          active = ${input.archived ? false : sql`active`}, updated_at = now()
        where id = ${input.id}`);
      await recordAudit(tx, {
        actor: input.actor,
        action: input.archived ? "product.archive" : "product.restore",
        entity: "product",
        entityId: input.id,
        before: { archived: current.archived, active: current.active },
        after: { archived: input.archived, active: input.archived ? false : current.active },
      });
      return { changed: true, name: current.name };
    }),
  );
}
