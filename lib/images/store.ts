import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { withDb } from "../database";
import { log } from "../log";
import { resizeImage, type StoredImage } from "./process";
import { IMAGE_HASH, IMAGE_WIDTHS } from "./urls";

/** Stores a normalised image (once per content: the same picture twice is one row) and returns its id. */
export async function saveImage(tx: Queryable, image: StoredImage): Promise<number> {
  const result = await tx.execute<{ id: number }>(sql`
    insert into product_images (hash, width, height, bytes)
    values (${image.hash}, ${image.width}, ${image.height}, ${image.bytes})
    on conflict (hash) do update set hash = excluded.hash
    returning id`);
  return result.rows[0]!.id;
}

const asBytes = (value: Uint8Array | string): Uint8Array =>
  typeof value === "string" ? Buffer.from(value.replace(/^\\x/, ""), "hex") : value;

/**
 * The bytes served at /images/<hash> (width null) or /images/<hash>/<width>, or null for an unknown
 * hash or a width the pages never ask for. A width's first request resizes and stores it.
 */
export async function readImage(hash: string, width: number | null): Promise<Uint8Array | null> {
  if (!IMAGE_HASH.test(hash)) return null;
  if (width !== null && !IMAGE_WIDTHS.includes(width)) return null;
  return withDb(async (db) => {
    if (width === null) {
      const found = await db.execute<{ bytes: Uint8Array }>(
        sql`select bytes from product_images where hash = ${hash}`,
      );
      return found.rows[0] ? asBytes(found.rows[0].bytes) : null;
    }
    // One round trip on the usual path: the variant if it exists, else the original to resize.
    const found = await db.execute<{
      id: number;
      variant: Uint8Array | null;
      original: Uint8Array | null;
    }>(sql`
      select i.id, v.bytes as variant, case when v.bytes is null then i.bytes end as original
      from product_images i
      left join product_image_variants v on v.image_id = i.id and v.width = ${width}
      where i.hash = ${hash}`);
    const row = found.rows[0];
    if (!row) return null;
    if (row.variant) return asBytes(row.variant);
    const started = performance.now();
    const resized = await resizeImage(asBytes(row.original!), width);
    await db.execute(sql`
      insert into product_image_variants (image_id, width, bytes) values (${row.id}, ${width}, ${resized})
      on conflict do nothing`);
    log.debug("image variant made", { hash, width, ms: Math.round(performance.now() - started) });
    return resized;
  });
}
