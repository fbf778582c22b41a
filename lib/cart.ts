import "server-only";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { withDb } from "./database";
import { AppError } from "./errors";
import { imagePath } from "./images/urls";
import type { SessionRecord } from "./session/store";
import { MAX_QUANTITY } from "./validation";

/** Whose cart: an anonymous session's, or a logged-in user's (the same on every device). */
export type CartOwner = { sessionId: string } | { userId: number };

export function cartOwnerOf(session: Pick<SessionRecord, "id" | "userId">): CartOwner {
  return session.userId != null ? { userId: session.userId } : { sessionId: session.id };
}

export type CartLine = {
  productId: number;
  slug: string;
  name: string;
  image: string | null;
  unitPriceCents: number;
  quantity: number;
  lineTotalCents: number;
  stock: number;
  /** False once staff take it off sale or archive it: the line stays, checkout refuses it. */
  available: boolean;
};
export type Cart = { lines: CartLine[]; itemCount: number; subtotalCents: number };

const ownerCondition = (owner: CartOwner) =>
  "userId" in owner ? sql`c.user_id = ${owner.userId}` : sql`c.session_id = ${owner.sessionId}`;

/**
 * Takes the cart row's lock. Every change to cart lines takes it first: the item-count trigger
 * (decision 025) updates the cart row after the line, so a writer that locked a line first and then
 * the cart could deadlock with an add that holds the cart and waits for the line.
 */
export async function lockCart(tx: Queryable, owner: CartOwner): Promise<number | null> {
  const result = await tx.execute<{ id: number }>(
    sql`select c.id from carts c where ${ownerCondition(owner)} for update`,
  );
  return result.rows[0]?.id ?? null;
}

/** How many of a product the owner's cart holds (0 when none). */
export async function lineQuantity(db: Queryable, owner: CartOwner, productId: number): Promise<number> {
  const result = await db.execute<{ quantity: number }>(sql`
    select ci.quantity from cart_items ci join carts c on c.id = ci.cart_id
    where ${ownerCondition(owner)} and ci.product_id = ${productId}`);
  return result.rows[0]?.quantity ?? 0;
}

/** Prices come from products, never from the cart or the client. */
export async function getCart(owner: CartOwner): Promise<Cart> {
  return withDb(async (db) => {
    const result = await db.execute<{
      product_id: number;
      slug: string;
      name: string;
      image_hash: string | null;
      price_cents: number;
      quantity: number;
      stock: number;
      available: boolean;
    }>(sql`
      select p.id as product_id, p.slug, p.name, pi.hash as image_hash, p.price_cents, ci.quantity, p.stock,
        p.active and p.archived_at is null as available
      from carts c join cart_items ci on ci.cart_id = c.id join products p on p.id = ci.product_id
        left join product_images pi on pi.id = p.image_id
      where ${ownerCondition(owner)}
      order by ci.added_at, p.id`);
    const lines = result.rows.map((r) => ({
      productId: r.product_id,
      slug: r.slug,
      name: r.name,
      image: r.image_hash ? imagePath(r.image_hash) : null,
      unitPriceCents: r.price_cents,
      quantity: r.quantity,
      lineTotalCents: r.price_cents * r.quantity,
      stock: r.stock,
      available: r.available,
    }));
    return {
      lines,
      itemCount: lines.reduce((n, l) => n + l.quantity, 0),
      subtotalCents: lines.reduce((n, l) => n + l.lineTotalCents, 0),
    };
  });
}

async function ensureCartId(db: Queryable, owner: CartOwner): Promise<number> {
  const result =
    "userId" in owner
      ? await db.execute<{ id: number }>(sql`
          insert into carts (user_id) values (${owner.userId})
          on conflict (user_id) do update set updated_at = now() returning id`)
      : await db.execute<{ id: number }>(sql`
          insert into carts (session_id) values (${owner.sessionId})
          on conflict (session_id) do update set updated_at = now() returning id`);
  return result.rows[0]!.id;
}

/** Why a cart change was refused, read after the atomic statement found nothing to do. */
async function explainRefusal(
  db: Queryable,
  productId: number,
  change: { kind: "add"; inCart: number } | { kind: "set" },
): Promise<AppError> {
  const result = await db.execute<{ name: string; stock: number; active: boolean }>(
    sql`select name, stock, active from products where id = ${productId}`,
  );
  const product = result.rows[0];
  if (!product?.active)
    return new AppError("NOT_FOUND", "That product is not available.", { field: "productId" });
  const limit = Math.min(MAX_QUANTITY, product.stock);
  if (limit === 0)
    return new AppError("OUT_OF_STOCK", `${product.name} is out of stock.`, { field: "quantity" });
  if (change.kind === "set")
    return new AppError("OUT_OF_STOCK", `You can have at most ${limit} of ${product.name} in your cart.`, {
      field: "quantity",
    });
  const room = limit - change.inCart;
  const message =
    room <= 0
      ? `You already have the most we can sell of ${product.name} (${limit}) in your cart.`
      : `Only ${room} more of ${product.name} can be added (${limit} at most${change.inCart ? `, ${change.inCart} already in your cart` : ""}).`;
  return new AppError("OUT_OF_STOCK", message, { field: "quantity" });
}

/** `addCartLine` in a transaction of its own: a refused add rolls back the cart row it may have created. */
export async function addToCart(owner: CartOwner, productId: number, quantity: number): Promise<number> {
  return withDb((db) => db.transaction((tx) => addCartLine(tx, owner, productId, quantity)));
}

/**
 * Adds `quantity` in one statement: concurrent adds serialise on the row and each sees the last
 * total, so 50 parallel "add one" end with exactly 50 more. Never past min(99, stock).
 */
export async function addCartLine(
  tx: Queryable,
  owner: CartOwner,
  productId: number,
  quantity: number,
): Promise<number> {
  const cartId = await ensureCartId(tx, owner);
  const result = await tx.execute<{ quantity: number }>(sql`
    insert into cart_items (cart_id, product_id, quantity)
    select ${cartId}, p.id, ${quantity} from products p
    where p.id = ${productId} and p.active and ${quantity} <= least(${MAX_QUANTITY}, p.stock)
    on conflict (cart_id, product_id) do update set quantity = cart_items.quantity + excluded.quantity
    where cart_items.quantity + excluded.quantity <=
      (select least(${MAX_QUANTITY}, p2.stock) from products p2 where p2.id = excluded.product_id)
    returning quantity`);
  const row = result.rows[0];
  if (row) return row.quantity;
  const current = await tx.execute<{ quantity: number }>(
    sql`select quantity from cart_items where cart_id = ${cartId} and product_id = ${productId}`,
  );
  throw await explainRefusal(tx, productId, { kind: "add", inCart: current.rows[0]?.quantity ?? 0 });
}

/** Sets a line to exactly `quantity` (1..min(99, stock)); the line must exist. */
export async function setCartQuantity(
  owner: CartOwner,
  productId: number,
  quantity: number,
): Promise<number> {
  const notInCart = new AppError("NOT_FOUND", "That product is not in your cart.", { field: "productId" });
  return withDb((conn) =>
    conn.transaction(async (db) => {
      // Only the locked cart: a cart committed after the lock was taken is one this change came before.
      const cartId = await lockCart(db, owner);
      if (cartId === null) throw notInCart;
      const result = await db.execute<{ quantity: number }>(sql`
        update cart_items ci set quantity = ${quantity}
        from products p
        where ci.cart_id = ${cartId} and ci.product_id = ${productId}
          and p.id = ci.product_id and p.active and ${quantity} <= least(${MAX_QUANTITY}, p.stock)
        returning ci.quantity`);
      if (result.rows[0]) return result.rows[0].quantity;
      const line = await db.execute<{ quantity: number }>(
        sql`select quantity from cart_items where cart_id = ${cartId} and product_id = ${productId}`,
      );
      if (!line.rows[0]) throw notInCart;
      throw await explainRefusal(db, productId, { kind: "set" });
    }),
  );
}

/** Deletes a line; returns the removed product's name (null if it was not in the cart). */
export async function removeFromCart(owner: CartOwner, productId: number): Promise<string | null> {
  return withDb((conn) =>
    conn.transaction(async (db) => {
      const cartId = await lockCart(db, owner);
      if (cartId === null) return null;
      const removed = await db.execute<{ name: string }>(sql`
        delete from cart_items ci using products p
        where ci.cart_id = ${cartId} and ci.product_id = ${productId} and p.id = ci.product_id
        returning p.name`);
      return removed.rows[0]?.name ?? null;
    }),
  );
}

export type CappedLine = { productId: number; name: string; requested: number; kept: number };

/**
 * Login: the anonymous session's lines move into the user's cart. Same product → quantities add up,
 * capped at min(99, stock); what was capped is returned so the shopper can be told. Runs inside the
 * login transaction.
 */
export async function mergeAnonymousCart(
  tx: Queryable,
  sessionId: string,
  userId: number,
): Promise<CappedLine[]> {
  const incoming = await tx.execute<{ product_id: number; quantity: number }>(sql`
    select ci.product_id, ci.quantity from cart_items ci join carts c on c.id = ci.cart_id
    where c.session_id = ${sessionId}`);
  if (incoming.rows.length === 0) return [];
  const cartId = await ensureCartId(tx, { userId });
  const merged = await tx.execute<{ product_id: number; name: string; requested: number; kept: number }>(sql`
    with wanted as (
      select ci.product_id, ci.quantity + coalesce(existing.quantity, 0) as requested
      from cart_items ci join carts c on c.id = ci.cart_id
      left join cart_items existing on existing.cart_id = ${cartId} and existing.product_id = ci.product_id
      where c.session_id = ${sessionId}
    ), capped as (
      select w.product_id, p.name, w.requested, least(w.requested, ${MAX_QUANTITY}, p.stock) as kept
      from wanted w join products p on p.id = w.product_id
    ), upserted as (
      insert into cart_items (cart_id, product_id, quantity)
      select ${cartId}, product_id, kept from capped where kept > 0
      on conflict (cart_id, product_id) do update set quantity = excluded.quantity
      returning product_id
    )
    select product_id, name, requested, kept from capped where kept < requested`);
  await tx.execute(sql`delete from carts where session_id = ${sessionId}`);
  return merged.rows.map((r) => ({
    productId: r.product_id,
    name: r.name,
    requested: r.requested,
    kept: r.kept,
  }));
}
