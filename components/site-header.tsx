import Link from "next/link";
import { getSession } from "@/lib/session";
import { CartLink } from "./cart-count";
import { LogoutButton } from "./logout-button";

export async function SiteHeader() {
  const session = await getSession();
  const unread = session?.unreadCount ?? 0;
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Keepcart
      </Link>
      <nav aria-label="Account and cart" className="header-nav">
        {session?.email ? (
          <>
            <Link href="/account" className="header-link header-email" title={session.email}>
              {session.email}
            </Link>
            <Link href="/orders" className="header-link">
              Orders
            </Link>
            <Link href="/notifications" className="bell-link" aria-label={`Notifications, ${unread} unread`}>
              <BellIcon />
              {unread > 0 && <span className="bell-count">{unread}</span>}
            </Link>
            <LogoutButton className="button button-link header-logout" />
          </>
        ) : (
          <Link href="/login" className="header-link">
            Log in
          </Link>
        )}
        <CartLink />
      </nav>
    </header>
  );
}

function BellIcon() {
  return (
    <svg
      aria-hidden="true"
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}
