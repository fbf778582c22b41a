import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { type OrderStatus, orderEvents, orderItems, orders } from "@/db/schema";
import type { AddressInput } from "../addresses";
import { withDb } from "../db";
import { AppError } from "../errors";

export type OrderSummary = {
  id: number;
  status: OrderStatus;
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
  events: { status: OrderStatus; at: Date }[];
  shipTo: AddressInput;
};

/** The shopper's orders, newest first. */
export async function listMyOrders(userId: number): Promise<OrderSummary[]> {
  return withDb((db) =>
    db
      .select({
        id: orders.id,
        status: orders.status,
        totalCents: orders.totalCents,
        createdAt: orders.createdAt,
        itemCount: sql<number>`(select coalesce(sum(oi.quantity), 0)::int from order_items oi where oi.order_id = ${orders.id})`,
      })
      .from(orders)
      .where(eq(orders.userId, userId))
      .orderBy(desc(orders.createdAt), desc(orders.id)),
  ).then((rows) => rows.map((r) => ({ ...r, itemCount: Number(r.itemCount) })));
}

/** One of the shopper's orders; someone else's order is "not found", exactly like a missing one. */
export async function getMyOrder(userId: number, orderId: number): Promise<OrderDetail> {
  return withDb(async (db) => {
    const [order] = await db
      .select()
      .from(orders)
      .where(and(eq(orders.id, orderId), eq(orders.userId, userId)));
    if (!order) throw new AppError("NOT_FOUND", "No such order.");
    const items = await db
      .select({
        productId: orderItems.productId,
        name: orderItems.productName,
        unitPriceCents: orderItems.unitPriceCents,
        quantity: orderItems.quantity,
      })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(asc(orderItems.productName));
    const events = await db
      .select({ status: orderEvents.status, at: orderEvents.createdAt })
      .from(orderEvents)
      .where(eq(orderEvents.orderId, orderId))
      .orderBy(asc(orderEvents.createdAt), asc(orderEvents.id));
    return {
      id: order.id,
      status: order.status,
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
    };
  });
}
