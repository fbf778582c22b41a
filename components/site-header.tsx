import Link from "next/link";
import { getSession } from "@/lib/session";

export async function SiteHeader() {
  const session = await getSession();
  const count = session?.cartCount ?? 0;
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        Keepcart
      </Link>
      <nav aria-label="Account and cart" className="header-nav">
        {session?.email ? (
          <Link href="/account" className="header-link">
            {session.email}
          </Link>
        ) : (
          <Link href="/login" className="header-link">
            Log in
          </Link>
        )}
        <Link
          href="/cart"
          className="cart-link"
          aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}
        >
          Cart{" "}
          <span className="cart-count" data-testid="cart-count">
            {count}
          </span>
        </Link>
      </nav>
    </header>
  );
}
