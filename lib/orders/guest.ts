import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

/**
 * Gives an account the guest orders placed with `email`, once that email is confirmed as the
 * account's (docs/decisions/033): from then on they are listed with its orders. Their order links
 * keep working. Call inside the transaction that confirms the email. Returns the orders' ids.
 */
export async function attachGuestOrders(tx: Queryable, userId: number, email: string): Promise<number[]> {
  const attached = await tx.execute<{ id: number }>(sql`
    update orders set user_id = ${userId}, updated_at = now()
    where user_id is null and guest_email = ${email.toLowerCase()} returning id`);
  return attached.rows.map((r) => r.id);
}
