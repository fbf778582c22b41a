import type { Metadata } from "next";
import Link from "next/link";
import { RefreshOnMount } from "@/components/refresh-on-mount";
import { listNotifications, markAllRead } from "@/lib/notifications";
import { noteOwnWrite, requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Notifications" };
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });

/** Opening this page reads the notifications: listed first (unread ones marked), then marked read. */
export default async function NotificationsPage() {
  const user = await requireUser({ redirectTo: "/notifications" });
  const notifications = await listNotifications(user.userId);
  const hadUnread = notifications.some((n) => n.readAt === null);
  if (hadUnread) {
    await markAllRead(user.userId);
    await noteOwnWrite(user); // the bell's count, when RefreshOnMount re-renders the header
  }
  return (
    <section aria-labelledby="notifications-heading">
      {hadUnread && <RefreshOnMount />}
      <h1 id="notifications-heading">Notifications</h1>
      {notifications.length === 0 ? (
        <div className="empty-state">
          <p>No notifications yet. We'll tell you here when an order moves along.</p>
        </div>
      ) : (
        <ul className="notification-list">
          {notifications.map((n) => (
            <li key={n.id} className={n.readAt ? "notification" : "notification is-unread"}>
              {!n.readAt && <span className="visually-hidden">New: </span>}
              <span className="notification-message">
                {n.orderId ? <Link href={`/orders/${n.orderId}`}>{n.message}</Link> : n.message}
              </span>
              <time className="muted small" dateTime={n.createdAt.toISOString()}>
                {when.format(n.createdAt)}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
