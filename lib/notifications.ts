import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { notifications } from "@/db/schema";
import { withDb } from "./database";

export type Notification = {
  id: number;
  orderId: number | null;
  message: string;
  createdAt: Date;
  readAt: Date | null;
};

/** In-app notice to a shopper; call it inside the transaction that made the news. */
export async function createNotification(
  tx: Queryable,
  input: { userId: number; orderId?: number; message: string },
): Promise<void> {
  await tx.insert(notifications).values({
    userId: input.userId,
    orderId: input.orderId ?? null,
    message: input.message,
  });
}

export async function listNotifications(userId: number, limit = 50): Promise<Notification[]> {
  return withDb((db) =>
    db
      .select({
        id: notifications.id,
        orderId: notifications.orderId,
        message: notifications.message,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit),
  );
}

/** Opening the notifications page reads them all. Returns how many were unread. */
export async function markAllRead(userId: number): Promise<number> {
  const rows = await withDb((db) =>
    db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .returning({ id: notifications.id }),
  );
  return rows.length;
}
