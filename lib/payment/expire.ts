import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { log } from "../log";
import { providerFor } from ".";
import { lockOrder, recordClosed, recordPaid } from "./ledger";

/**
 * Releases the stock of orders whose payment hold has ended (docs/decisions/032): run by the
 * session prune, under its lease, so one instance at a time. A card payment is closed at the
 * provider first, so it can never be paid after its stock is released; if it was paid in the
 * meantime, that is recorded instead. Returns how many orders were released.
 */
export async function releaseUnpaidOrders(db: Db, now: Date, limit = 200): Promise<number> {
  const due = await db.execute<{
    order_id: number;
    provider: "manual" | "stripe";
    reference: string | null;
  }>(sql`
    select order_id, provider, reference from payments
    where status = 'awaiting' and hold_until <= ${now}
    order by hold_until limit ${limit}`);
  let released = 0;
  for (const { order_id: orderId, provider, reference } of due.rows) {
    let paid: { chargeReference: string | null } | null = null;
    if (reference) {
      try {
        const outcome = await providerFor(provider).close(reference);
        if (outcome.state === "paid") paid = { chargeReference: outcome.chargeReference };
        else if (outcome.state === "open") continue; // not closable yet (an async payment settling)
      } catch (error) {
        log.warn("could not close an expired payment at its provider; next prune retries", {
          orderId,
          error,
        });
        continue;
      }
    }
    const changed = await db.transaction(async (tx) => {
      const order = await lockOrder(tx, orderId);
      if (order === null || order.payment?.status !== "awaiting") return false;
      if (paid) return (await recordPaid(tx, order, { actor: provider, now, ...paid })) === "paid";
      if (order.payment.holdUntil > now) return false; // extended meanwhile
      return recordClosed(tx, order, { to: "expired", actor: "system", now });
    });
    if (changed && !paid) released++;
  }
  if (released > 0) log.info("released unpaid orders", { released });
  return released;
}
