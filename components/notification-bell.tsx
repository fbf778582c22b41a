"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Icon } from "./icon";

/** The bell with the unread count; on the notifications page itself they are being read, so none. */
export function NotificationBell({ unread }: { unread: number }) {
  const count = usePathname() === "/notifications" ? 0 : unread;
  return (
    <Link href="/notifications" className="bell-link" aria-label={`Notifications, ${count} unread`}>
      <Icon size={20}>
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </Icon>
      {count > 0 && <span className="bell-count">{count}</span>}
    </Link>
  );
}
