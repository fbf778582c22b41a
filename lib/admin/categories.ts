import { sql } from "drizzle-orm";
import { withDb } from "../database";
import { AppError } from "../errors";
import { recordAudit } from "./audit";

export type AdminCategory = { id: number; slug: string; name: string; products: number };

/** Every category with how many products (archived ones left out) it holds. */
export async function listAdminCategories(): Promise<AdminCategory[]> {
  const result = await withDb((db) =>
    db.execute<{ id: number; slug: string; name: string; products: number }>(sql`
      select c.id, c.slug, c.name,
        (select count(*)::int from products p where p.category_id = c.id and p.archived_at is null) as products
      from categories c order by c.name`),
  );
  return result.rows.map((r) => ({ ...r, products: Number(r.products) }));
}

/** A new category (empty until products are moved or created in it), audited. */
export async function createCategory(input: { name: string; slug: string; actor: string }) {
  return withDb((db) =>
    db.transaction(async (tx) => {
      const taken = await tx.execute<{ field: string }>(sql`
        select case when lower(name) = lower(${input.name}) then 'name' else 'slug' end as field from categories
        where slug = ${input.slug} or lower(name) = lower(${input.name}) limit 1`);
      const clash = taken.rows[0]?.field;
      if (clash)
        throw new AppError(
          "CONFLICT",
          clash === "slug"
            ? `A category already uses the slug “${input.slug}”.`
            : `There is already a category called “${input.name}”.`,
          { field: clash },
        );
      const inserted = await tx.execute<{ id: number }>(
        sql`insert into categories (slug, name) values (${input.slug}, ${input.name}) returning id`,
      );
      const id = inserted.rows[0]!.id;
      await recordAudit(tx, {
        actor: input.actor,
        action: "category.create",
        entity: "category",
        entityId: id,
        before: null,
        after: { name: input.name, slug: input.slug },
      });
      return { id, name: input.name, slug: input.slug };
    }),
  );
}
