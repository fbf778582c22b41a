import { sql } from "drizzle-orm";
import { z } from "zod";
import { notifications, ORDER_STATUSES, type OrderStatus, orderEvents } from "@/db/schema";
import { recordAudit } from "../admin/audit";
import { withDb } from "../database";
import { AppError } from "../errors";
import { enqueueMail } from "../mail/outbox";
import { closePaymentBeforeCancel, paymentOnCancel, requirePaidBeforePacking } from "../payment/staff";
import { orderStatusMail } from "./mails";
import { orderIdSchema } from "./order-id";
import { cancelReturningStock } from "./stock";

/** The statuses and timeline entries, for pages and components: they import lib/, never db/. */
export { ORDER_STATUSES, type OrderEventKind, type OrderStatus } from "@/db/schema";

/**
 * An order moves one step at a time: placed → packed → shipped → delivered. It can be cancelled
 * while it is still in the warehouse (placed or packed); cancelling returns its stock.
 */
const NEXT_STEP: Record<OrderStatus, OrderStatus | null> = {
  placed: "packed",
  packed: "shipped",
  shipped: "delivered",
  delivered: null,
  cancelled: null,
};
const CANCELLABLE: ReadonlySet<OrderStatus> = new Set(["placed", "packed"]);

/** Where an order in `from` may go next, in the order staff should see the choices. */
export function allowedMoves(from: OrderStatus): OrderStatus[] {
  const next = NEXT_STEP[from];
  return [...(next ? [next] : []), ...(CANCELLABLE.has(from) ? (["cancelled"] as const) : [])];
}

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return allowedMoves(from).includes(to);
}

const SHOPPER_MESSAGE: Record<OrderStatus, (id: number) => string> = {
  placed: (id) => `We have your order #${id}.`,
  packed: (id) => `Your order #${id} is packed and waiting for the courier.`,
  shipped: (id) => `Your order #${id} is on its way.`,
  delivered: (id) => `Your order #${id} has been delivered. Enjoy!`,
  cancelled: (id) => `Your order #${id} has been cancelled.`,
};

/** The input of a move, from the admin form or the JSON route. */
export const moveOrderSchema = z.object({
  orderId: orderIdSchema,
  to: z.enum(ORDER_STATUSES, { error: `Choose a status: ${ORDER_STATUSES.join(", ")}.` }),
});

export type MoveResult = { orderId: number; from: OrderStatus; to: OrderStatus };

/**
 * Moves an order to `to` as staff member `actor`: one transaction holds the order's row lock, so
 * two staff (or a double click) cannot both move it; the loser gets CONFLICT. A cancel returns the
 * stock of every line exactly once. The timeline entry, the shopper's notification (and, for shipped
 * and delivered, the mail) and the audit record commit with the change. Payment rules (docs/decisions/032):
 * an order is packed only once paid; a paid order is refunded rather than cancelled; cancelling an
 * unpaid one cancels its payment.
 */
export async function moveOrder(input: {
  orderId: number;
  to: OrderStatus;
  actor: string;
}): Promise<MoveResult> {
  const { orderId, to, actor } = input;
  if (to === "cancelled") await closePaymentBeforeCancel(orderId);
  return withDb((db) =>
    db.transaction(async (tx) => {
      const found = await tx.execute<{ status: OrderStatus; user_id: number | null; email: string }>(
        sql`select o.status, o.user_id, coalesce(u.email, o.guest_email) as email
          from orders o left join users u on u.id = o.user_id
          where o.id = ${orderId} for update of o`,
      );
      const order = found.rows[0];
      if (!order) throw new AppError("NOT_FOUND", `There is no order #${orderId}.`);
      const from = order.status;
      if (!canMove(from, to)) {
        const options = allowedMoves(from);
        const hint = options.length ? `it can go to ${options.join(" or ")}` : "it cannot move any further";
        throw new AppError("CONFLICT", `Order #${orderId} is ${from}: ${hint}, not ${to}.`);
      }
      if (to === "cancelled") await paymentOnCancel(tx, orderId, actor);
      if (to === "packed") await requirePaidBeforePacking(tx, orderId);
      const now = new Date();
      if (to === "cancelled") await cancelReturningStock(tx, orderId, now);
      else await tx.execute(sql`update orders set status = ${to}, updated_at = ${now} where id = ${orderId}`);
      await tx.insert(orderEvents).values({ orderId, status: to, actor: `staff:${actor}`, createdAt: now });
      const message = SHOPPER_MESSAGE[to](orderId);
      if (order.user_id !== null) {
        await tx.insert(notifications).values({ userId: order.user_id, orderId, message, createdAt: now });
      }
      if (to === "shipped" || to === "delivered") {
        await enqueueMail(tx, { to: order.email, ...orderStatusMail(orderId, to, message) });
      }
      await recordAudit(tx, {
        actor,
        action: to === "cancelled" ? "order.cancel" : "order.advance",
        entity: "order",
        entityId: orderId,
        before: { status: from },
        after: { status: to },
      });
      return { orderId, from, to };
    }),
  );
}
