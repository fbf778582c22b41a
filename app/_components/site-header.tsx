import Link from "next/link";
import { CartLink } from "@/components/cart-count";
import { NotificationBell } from "@/components/notification-bell";
import { getSession } from "@/lib/session";
import { LogoutButton } from "./logout-button";

/** Brand and cart on the first row everywhere; the account links share it on wide screens. */
export async function SiteHeader() {
  const session = await getSession();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Keepcart
      </Link>
      <nav aria-label="Account" className="header-nav">
        {session?.email ? (
          <>
            <Link href="/account" className="header-link header-email" title={session.email}>
              {session.email}
            </Link>
            <Link href="/orders" className="header-link">
              Orders
            </Link>
            <NotificationBell unread={session.unreadCount} />
            <LogoutButton className="button button-link header-logout" />
          </>
        ) : (
          <Link href="/login" className="header-link">
            Log in
          </Link>
        )}
      </nav>
      <CartLink />
    </header>
  );
}
