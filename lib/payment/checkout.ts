import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { type PaymentProviderName, payments } from "@/db/schema";
import { withDb } from "../database";
import { env } from "../env";
import { AppError } from "../errors";
import { log } from "../log";
import { paymentProvider, providerFor } from ".";

/**
 * Opens the order's payment inside the checkout transaction: the order holds its stock until
 * `holdUntil` (PAYMENT_HOLD_MINUTES), then the prune releases it unless it was paid.
 */
export async function openPayment(
  tx: Queryable,
  input: { orderId: number; amountCents: number; now: Date },
): Promise<{ holdUntil: Date; provider: PaymentProviderName }> {
  const holdUntil = new Date(input.now.getTime() + env().PAYMENT_HOLD_MINUTES * 60_000);
  const provider = paymentProvider().name;
  await tx.insert(payments).values({
    orderId: input.orderId,
    provider,
    amountCents: input.amountCents,
    holdUntil,
    updatedAt: input.now,
  });
  return { holdUntil, provider };
}

/**
 * After the order has committed: asks the provider where the shopper pays. Returns the URL to send
 * the shopper to (Stripe Checkout), or null (manual: the order page shows the instructions).
 * Calling it again reuses the session already made (one per order, the same idempotency key).
 */
export async function startPayment(orderId: number): Promise<string | null> {
  const row = await withDb(async (db) => {
    const found = await db.execute<{
      provider: "manual" | "stripe";
      status: string;
      amount_cents: number;
      currency: string;
      checkout_url: string | null;
      hold_until: Date | string;
      email: string | null;
    }>(sql`
      select p.provider, p.status, p.amount_cents, p.currency, p.checkout_url, p.hold_until,
        coalesce(u.email, o.guest_email) as email
      from payments p join orders o on o.id = p.order_id left join users u on u.id = o.user_id
      where p.order_id = ${orderId}`);
    return found.rows[0];
  });
  if (!row || row.provider === "manual") return null;
  if (row.status !== "awaiting") throw new AppError("CONFLICT", `Order #${orderId} is not awaiting payment.`);
  if (row.checkout_url) return row.checkout_url;
  const holdUntil = new Date(row.hold_until);
  if (holdUntil.getTime() - Date.now() < 30 * 60_000) {
    // Stripe will not make a session that ends sooner; the prune will release this order.
    throw new AppError("CONFLICT", `Order #${orderId} can no longer be paid: its hold is about to end.`);
  }
  const lines = await withDb(async (db) => {
    const result = await db.execute<{ product_name: string; unit_price_cents: number; quantity: number }>(
      sql`select product_name, unit_price_cents, quantity from order_items where order_id = ${orderId} order by product_id`,
    );
    return result.rows.map((r) => ({
      name: r.product_name,
      unitPriceCents: r.unit_price_cents,
      quantity: r.quantity,
    }));
  });
  const started = await providerFor(row.provider).start({
    orderId,
    amountCents: row.amount_cents,
    currency: row.currency,
    email: row.email,
    holdUntil,
    lines,
  });
  await withDb((db) =>
    db.execute(sql`
      update payments set reference = ${started.reference}, checkout_url = ${started.checkoutUrl}, updated_at = now()
      where order_id = ${orderId} and reference is null`),
  );
  log.info("card payment started", { orderId });
  return started.checkoutUrl;
}
