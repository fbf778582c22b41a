import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyCart } from "@/components/empty-cart";
import { listAddresses } from "@/lib/addresses";
import { formatPrice } from "@/lib/money";
import { readMyCart } from "@/lib/my-cart";
import { getUser } from "@/lib/session";
import { CheckoutForm } from "./_components/checkout-form";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage() {
  // No account needed: a guest checks out with an email (decision 033).
  const user = await getUser();
  const [cart, addresses] = await Promise.all([readMyCart(), user ? listAddresses(user.userId) : []]);
  return (
    <section aria-labelledby="checkout-heading">
      <h1 id="checkout-heading">Checkout</h1>
      {cart.lines.length === 0 ? (
        <EmptyCart />
      ) : (
        <div className="cart-layout">
          <div className="stack">
            {!user && (
              <p className="notice">
                Checking out as a guest. <Link href="/login?next=/checkout">Log in</Link> or{" "}
                <Link href="/register?next=/checkout">create an account</Link> to keep your orders and
                addresses together.
              </p>
            )}
            <CheckoutForm
              idempotencyKey={randomUUID()}
              addresses={addresses}
              totalLabel={formatPrice(cart.subtotalCents)}
              guest={!user}
            />
          </div>
          <aside className="cart-summary" aria-label="Order summary">
            <h2>Your order</h2>
            <ul className="summary-lines">
              {cart.lines.map((l) => (
                <li key={l.productId} className="summary-row">
                  <span>
                    {l.quantity} × {l.name}
                  </span>
                  <span>{formatPrice(l.lineTotalCents)}</span>
                </li>
              ))}
            </ul>
            <p className="summary-row summary-total">
              <span>
                Total ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
              </span>
              <strong>{formatPrice(cart.subtotalCents)}</strong>
            </p>
            <p className="muted small">Shipping is free. Stock is checked again when you place the order.</p>
            <Link href="/cart">Edit cart</Link>
          </aside>
        </div>
      )}
    </section>
  );
}
