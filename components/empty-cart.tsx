import Link from "next/link";

/** What the cart and checkout pages show when there is nothing to buy. */
export function EmptyCart() {
  return (
    <div className="empty-state">
      <p>Your cart is empty.</p>
      <Link href="/" className="button button-primary">
        Browse products
      </Link>
    </div>
  );
}
