import "server-only";
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { orderEvents, orderItems, orders, products } from "@/db/schema";
import { type AddressInput, createAddress, getAddress } from "../addresses";
import { lockCart } from "../cart";
import { withDb } from "../db";
import { AppError } from "../errors";
import { enqueueMail } from "../mail/outbox";
import { formatPrice } from "../money";
import { createNotification } from "../notifications";
import { orderPlacedMail } from "./mails";

/** The checkout form's one-time key (a UUID rendered into the form): a double submit finds the first order. */
export const idempotencyKeySchema = z
  .string({ error: "This checkout form has expired. Reload the page and try again." })
  .regex(/^[A-Za-z0-9_-]{16,100}$/, "This checkout form has expired. Reload the page and try again.");

export type ShipTo = { addressId: number } | { address: AddressInput; save: boolean };
export type PlaceOrderInput = { userId: number; idempotencyKey: string; shipTo: ShipTo };
export type PlacedOrder = { orderId: number; created: boolean };

type Line = { productId: number; name: string; unitPriceCents: number; quantity: number };

/**
 * Places the user's cart as an order, in one transaction: stock is taken only where enough remains
 * (two shoppers racing for the last one: the second is told), names and prices are copied, the cart
 * is emptied. The same idempotency key twice returns the first order instead of making a second.
 */
export async function placeOrder(input: PlaceOrderInput): Promise<PlacedOrder> {
  return withDb((db) =>
    db.transaction(async (tx) => {
      // One checkout per user at a time: a concurrent double submit waits here, then finds the order.
      // NO KEY UPDATE: it still excludes another checkout, but not the foreign-key check of an add
      // that is creating the cart row (which holds the cart and would deadlock with us).
      const [user] = (
        await tx.execute<{ email: string }>(
          sql`select email from users where id = ${input.userId} for no key update`,
        )
      ).rows;
      const [existing] = await tx
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.userId, input.userId), eq(orders.idempotencyKey, input.idempotencyKey)));
      if (existing) return { orderId: existing.id, created: false };

      // The cart before the products (lock order, decision 025): an add holds the cart, then the product.
      const cartId = await lockCart(tx, { userId: input.userId });
      const lines = await takeStock(tx, input.userId); // an empty or missing cart is refused here
      const ship = await shippingAddress(tx, input.userId, input.shipTo);
      const totalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
      const [order] = await tx
        .insert(orders)
        .values({
          userId: input.userId,
          idempotencyKey: input.idempotencyKey,
          totalCents,
          shipFullName: ship.fullName,
          shipLine1: ship.line1,
          shipLine2: ship.line2,
          shipCity: ship.city,
          shipPostalCode: ship.postalCode,
          shipCountry: ship.country,
        })
        .returning({ id: orders.id });
      const orderId = order!.id;
      await tx.insert(orderItems).values(
        lines.map((l) => ({
          orderId,
          productId: l.productId,
          productName: l.name,
          unitPriceCents: l.unitPriceCents,
          quantity: l.quantity,
        })),
      );
      await tx.insert(orderEvents).values({ orderId, status: "placed", actor: "shopper" });
      await createNotification(tx, {
        userId: input.userId,
        orderId,
        message: `Order #${orderId} is placed (${formatPrice(totalCents)}). We'll let you know when it ships.`,
      });
      // The confirmation is in the outbox if and only if the order commits (docs/decisions/026).
      await enqueueMail(tx, {
        to: user!.email,
        ...orderPlacedMail({
          orderId,
          totalCents,
          lines: lines.map((l) => ({ name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
        }),
      });
      await tx.execute(sql`delete from cart_items where cart_id = ${cartId}`);
      return { orderId, created: true };
    }),
  );
}

/** Locks the cart's products (in id order: no deadlocks), checks every line, then decrements stock. */
async function takeStock(tx: Queryable, userId: number): Promise<Line[]> {
  const cart = await tx.execute<{ product_id: number; quantity: number }>(sql`
    select ci.product_id, ci.quantity from carts c join cart_items ci on ci.cart_id = c.id
    where c.user_id = ${userId} order by ci.product_id`);
  if (cart.rows.length === 0) throw new AppError("CONFLICT", "Your cart is empty.");
  const locked = await tx
    .select({
      id: products.id,
      name: products.name,
      priceCents: products.priceCents,
      stock: products.stock,
      active: products.active,
    })
    .from(products)
    .where(
      inArray(
        products.id,
        cart.rows.map((r) => r.product_id),
      ),
    )
    .orderBy(products.id)
    .for("update");
  const byId = new Map(locked.map((p) => [p.id, p]));
  const problems: string[] = [];
  const lines: Line[] = [];
  for (const { product_id, quantity } of cart.rows) {
    const p = byId.get(product_id);
    if (!p?.active) problems.push(`${p?.name ?? "A product in your cart"} is no longer sold`);
    else if (p.stock === 0) problems.push(`${p.name} has just sold out`);
    else if (p.stock < quantity)
      problems.push(`only ${p.stock} of ${p.name} ${p.stock === 1 ? "is" : "are"} left`);
    else lines.push({ productId: p.id, name: p.name, unitPriceCents: p.priceCents, quantity });
  }
  if (problems.length > 0) {
    throw new AppError(
      "OUT_OF_STOCK",
      `Sorry, ${problems.join("; ")}. Nothing was charged and your cart is unchanged: adjust it and try again.`,
    );
  }
  for (const l of lines) {
    // The rows are locked, so this always matches; the guard keeps stock from going negative regardless.
    const taken = await tx
      .update(products)
      .set({ stock: sql`${products.stock} - ${l.quantity}`, updatedAt: new Date() })
      .where(and(eq(products.id, l.productId), gte(products.stock, l.quantity)))
      .returning({ id: products.id });
    if (taken.length === 0) throw new AppError("OUT_OF_STOCK", `Sorry, ${l.name} has just sold out.`);
  }
  return lines;
}

async function shippingAddress(tx: Queryable, userId: number, shipTo: ShipTo): Promise<AddressInput> {
  if ("addressId" in shipTo) return getAddress(tx, userId, shipTo.addressId);
  if (shipTo.save) return createAddress(userId, shipTo.address, tx);
  return shipTo.address;
}
