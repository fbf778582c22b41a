import "server-only";
import { and, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Queryable } from "@/db/client";
import { orderEvents, orderItems, orders, products } from "@/db/schema";
import { type AddressInput, getAddress, insertAddress } from "../addresses";
import { lockCart } from "../cart";
import { withDb } from "../database";
import { AppError } from "../errors";
import { enqueueMail } from "../mail/outbox";
import { shopUrl } from "../mail/template";
import { formatPrice } from "../money";
import { createNotification } from "../notifications";
import { openPayment } from "../payment/checkout";
import { manualPaymentInstructions } from "../payment/instructions";
import { newGuestOrderToken } from "./guest-token";
import { orderPlacedMail } from "./mails";

/** The checkout form's one-time key (a UUID rendered into the form): a double submit finds the first order. */
export const idempotencyKeySchema = z
  .string({ error: "This checkout form has expired. Reload the page and try again." })
  .regex(/^[A-Za-z0-9_-]{16,100}$/, "This checkout form has expired. Reload the page and try again.");

export type ShipTo = { addressId: number } | { address: AddressInput; save: boolean };
export type PlaceOrderInput = { userId: number; idempotencyKey: string; shipTo: ShipTo };
/** A shopper without an account: the anonymous session's cart, an email to reach them (decision 033). */
export type PlaceGuestOrderInput = {
  sessionId: string;
  email: string;
  idempotencyKey: string;
  address: AddressInput;
};
/** `guestToken`: the raw token of the guest order link, only when this call created a guest order. */
export type PlacedOrder = { orderId: number; created: boolean; guestToken?: string };

type Buyer = { userId: number } | { sessionId: string; email: string };

type Line = { productId: number; name: string; unitPriceCents: number; quantity: number };

/**
 * Places the user's cart as an order, in one transaction: stock is taken only where enough remains
 * (two shoppers racing for the last one: the second is told), names and prices are copied, the cart
 * is emptied. The same idempotency key twice returns the first order instead of making a second.
 */
export async function placeOrder(input: PlaceOrderInput): Promise<PlacedOrder> {
  return place({ userId: input.userId }, input.idempotencyKey, (tx) =>
    shippingAddress(tx, input.userId, input.shipTo),
  );
}

/**
 * A guest's checkout: the same transaction, locks and stock rule as an account's, on the anonymous
 * session's cart. The order belongs to the session (and, by its email, to an account confirmed later).
 */
export async function placeGuestOrder(input: PlaceGuestOrderInput): Promise<PlacedOrder> {
  return place(
    { sessionId: input.sessionId, email: input.email },
    input.idempotencyKey,
    async () => input.address,
  );
}

async function place(
  buyer: Buyer,
  idempotencyKey: string,
  address: (tx: Queryable) => Promise<AddressInput>,
): Promise<PlacedOrder> {
  return withDb((db) =>
    db.transaction(async (tx) => {
      // One checkout per buyer at a time: a concurrent double submit waits here, then finds the order.
      // NO KEY UPDATE: it still excludes another checkout, but not the foreign-key check of an add
      // that is creating the cart row (which holds the cart and would deadlock with us).
      const buyerEmail =
        "userId" in buyer
          ? (
              await tx.execute<{ email: string }>(
                sql`select email from users where id = ${buyer.userId} for no key update`,
              )
            ).rows[0]!.email
          : buyer.email;
      if (!("userId" in buyer)) {
        await tx.execute(sql`select id from sessions where id = ${buyer.sessionId} for no key update`);
      }
      const existing = await findByKey(tx, buyer, idempotencyKey);
      if (existing) return { orderId: existing, created: false };

      // The cart before the products (lock order, decision 025): an add holds the cart, then the product.
      const owner = "userId" in buyer ? { userId: buyer.userId } : { sessionId: buyer.sessionId };
      const cartId = await lockCart(tx, owner);
      const lines = await takeStock(tx, cartId); // an empty or missing cart is refused here
      const ship = await address(tx);
      const totalCents = lines.reduce((sum, l) => sum + l.unitPriceCents * l.quantity, 0);
      const guest = "userId" in buyer ? null : { ...buyer, token: newGuestOrderToken() };
      const now = new Date();
      const [order] = await tx
        .insert(orders)
        .values({
          userId: guest ? null : (buyer as { userId: number }).userId,
          guestEmail: guest?.email ?? null,
          sessionId: guest?.sessionId ?? null,
          accessTokenHash: guest?.token.hash ?? null,
          createdAt: now,
          updatedAt: now,
          idempotencyKey,
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
      await tx.insert(orderEvents).values({ orderId, status: "placed", actor: "shopper", createdAt: now });
      const payment = await openPayment(tx, { orderId, amountCents: totalCents, now });
      if ("userId" in buyer) {
        await createNotification(tx, {
          userId: buyer.userId,
          orderId,
          message: `Order #${orderId} is placed (${formatPrice(totalCents)}) and awaiting payment. We'll let you know when it ships.`,
        });
      }
      // The confirmation is in the outbox if and only if the order commits (docs/decisions/026). A
      // guest's carries the order link, the only way back to the order from another browser.
      await enqueueMail(tx, {
        to: buyerEmail,
        ...orderPlacedMail({
          orderId,
          totalCents,
          lines: lines.map((l) => ({ name: l.name, quantity: l.quantity, unitPriceCents: l.unitPriceCents })),
          ...(guest ? { url: shopUrl(`/orders/guest?token=${guest.token.token}`), sensitive: true } : {}),
          paymentInstructions:
            payment.provider === "manual"
              ? manualPaymentInstructions({ id: orderId, totalCents, holdUntil: payment.holdUntil })
              : undefined,
        }),
      });
      await tx.execute(sql`delete from cart_items where cart_id = ${cartId}`);
      return { orderId, created: true, guestToken: guest?.token.token };
    }),
  );
}

/** The order this form's key already made for this buyer; another buyer's key is a stale form. */
async function findByKey(tx: Queryable, buyer: Buyer, idempotencyKey: string): Promise<number | null> {
  if ("userId" in buyer) {
    const [found] = await tx
      .select({ id: orders.id })
      .from(orders)
      .where(and(eq(orders.userId, buyer.userId), eq(orders.idempotencyKey, idempotencyKey)));
    return found?.id ?? null;
  }
  const [found] = await tx
    .select({ id: orders.id, sessionId: orders.sessionId })
    .from(orders)
    .where(and(isNull(orders.userId), eq(orders.idempotencyKey, idempotencyKey)));
  if (!found) return null;
  if (found.sessionId !== buyer.sessionId) {
    throw new AppError("CONFLICT", "This checkout form has expired. Reload the page and try again.");
  }
  return found.id;
}

/** Locks the cart's products (in id order: no deadlocks), checks every line, then decrements stock. */
async function takeStock(tx: Queryable, cartId: number | null): Promise<Line[]> {
  const cart = await tx.execute<{ product_id: number; quantity: number }>(sql`
    select product_id, quantity from cart_items where cart_id = ${cartId ?? 0} order by product_id`);
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
  if (shipTo.save) return insertAddress(tx, userId, shipTo.address);
  return shipTo.address;
}
