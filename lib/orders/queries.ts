import "server-only";
import { and, asc, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import {
  type OrderEventKind,
  type OrderStatus,
  orderEvents,
  orderItems,
  orders,
  type PaymentProviderName,
  type PaymentStatus,
  payments,
  users,
} from "@/db/schema";
import type { AddressInput } from "../addresses";
import { withDb } from "../database";
import { AppError } from "../errors";
import { GUEST_TOKEN_PATTERN, hashGuestOrderToken } from "./guest-token";

export type OrderSummary = {
  id: number;
  status: OrderStatus;
  /** Null for an order placed before payments existed. */
  paymentStatus: PaymentStatus | null;
  totalCents: number;
  itemCount: number;
  createdAt: Date;
};

export type OrderDetail = OrderSummary & {
  items: {
    productId: number;
    name: string;
    unitPriceCents: number;
    quantity: number;
    lineTotalCents: number;
  }[];
  events: { status: OrderEventKind; at: Date }[];
  shipTo: AddressInput;
  payment: {
    provider: PaymentProviderName;
    status: PaymentStatus;
    holdUntil: Date;
    /** Where a card payment is made (Stripe Checkout), while it is awaiting. */
    canPayByCard: boolean;
  } | null;
  /** A guest's order: the email it was placed with. */
  guestEmail: string | null;
};

/** Who is looking: an account, an anonymous session (its own guest orders), or a guest order link. */
export type OrderViewer = { userId: number } | { sessionId: string } | { token: string };

/** The shopper's orders, newest first. */
export async function listMyOrders(userId: number): Promise<OrderSummary[]> {
  return withDb((db) =>
    db
      .select({
        id: orders.id,
        status: orders.status,
        paymentStatus: payments.status,
        totalCents: orders.totalCents,
        createdAt: orders.createdAt,
        itemCount: sql<number>`(select coalesce(sum(oi.quantity), 0)::int from order_items oi where oi.order_id = ${orders.id})`,
      })
      .from(orders)
      .leftJoin(payments, eq(payments.orderId, orders.id))
      .where(eq(orders.userId, userId))
      .orderBy(desc(orders.createdAt), desc(orders.id)),
  ).then((rows) => rows.map((r) => ({ ...r, itemCount: Number(r.itemCount) })));
}

/** One of the shopper's orders; someone else's order is "not found", exactly like a missing one. */
export async function getMyOrder(userId: number, orderId: number): Promise<OrderDetail> {
  return getOrderFor({ userId }, orderId);
}

function viewerCondition(viewer: OrderViewer): SQL | undefined {
  if ("userId" in viewer) return eq(orders.userId, viewer.userId);
  // A guest order stays the session's only while no account has taken it over.
  if ("sessionId" in viewer) return and(isNull(orders.userId), eq(orders.sessionId, viewer.sessionId));
  return eq(orders.accessTokenHash, hashGuestOrderToken(viewer.token));
}

/** An order as `viewer` may see it (by token: the order id is ignored, pass 0); else NOT_FOUND. */
export async function getOrderFor(viewer: OrderViewer, orderId: number): Promise<OrderDetail> {
  if ("token" in viewer && !GUEST_TOKEN_PATTERN.test(viewer.token)) {
    throw new AppError("NOT_FOUND", "No such order.");
  }
  const where =
    "token" in viewer ? viewerCondition(viewer) : and(eq(orders.id, orderId), viewerCondition(viewer));
  const record = await withDb((db) => readOrder(db, where!));
  if (!record) throw new AppError("NOT_FOUND", "No such order.");
  const { userId: _, email: __, events, payment, ...common } = record;
  return {
    ...common,
    // Who moved it is for staff: the shopper sees what happened and when.
    events: events.map(({ status, at }) => ({ status, at })),
    payment: payment && {
      ...payment,
      canPayByCard: payment.provider === "stripe" && payment.status === "awaiting",
    },
  };
}

/** An order with its payment, lines and timeline, as read for the shopper's page and the staff's. */
export type OrderRecord = OrderSummary & {
  userId: number | null;
  /** The account's email, or the guest's. */
  email: string;
  guestEmail: string | null;
  items: OrderDetail["items"];
  events: { id: number; status: OrderEventKind; actor: string; at: Date }[];
  shipTo: AddressInput;
  payment: { provider: PaymentProviderName; status: PaymentStatus; holdUntil: Date } | null;
};

/**
 * The one read of an order's detail, behind the shopper's order page (`getOrderFor`, which says who
 * may see it in `where`) and the staff's (lib/admin/orders.ts). Null when `where` matches none.
 */
export async function readOrder(db: Queryable, where: SQL): Promise<OrderRecord | null> {
  const [found] = await db
    .select({ order: orders, payment: payments, accountEmail: users.email })
    .from(orders)
    .leftJoin(payments, eq(payments.orderId, orders.id))
    .leftJoin(users, eq(users.id, orders.userId))
    .where(where);
  if (!found) return null;
  const { order, payment, accountEmail } = found;
  const items = await db
    .select({
      productId: orderItems.productId,
      name: orderItems.productName,
      unitPriceCents: orderItems.unitPriceCents,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.productName));
  const events = await db
    .select({
      id: orderEvents.id,
      status: orderEvents.status,
      actor: orderEvents.actor,
      at: orderEvents.createdAt,
    })
    .from(orderEvents)
    .where(eq(orderEvents.orderId, order.id))
    .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id));
  return {
    id: order.id,
    userId: order.userId,
    email: accountEmail ?? order.guestEmail ?? "",
    guestEmail: order.userId === null ? order.guestEmail : null,
    status: order.status,
    paymentStatus: payment?.status ?? null,
    totalCents: order.totalCents,
    createdAt: order.createdAt,
    itemCount: items.reduce((n, i) => n + i.quantity, 0),
    items: items.map((i) => ({ ...i, lineTotalCents: i.unitPriceCents * i.quantity })),
    events,
    shipTo: {
      fullName: order.shipFullName,
      line1: order.shipLine1,
      line2: order.shipLine2,
      city: order.shipCity,
      postalCode: order.shipPostalCode,
      country: order.shipCountry,
    },
    payment: payment && { provider: payment.provider, status: payment.status, holdUntil: payment.holdUntil },
  };
}
