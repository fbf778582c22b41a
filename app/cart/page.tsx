import type { Metadata } from "next";
import Link from "next/link";
import { EmptyCart } from "@/components/empty-cart";
import { ProductImage } from "@/components/product-image";
import { formatPrice } from "@/lib/money";
import { readMyCart } from "@/lib/my-cart";
import { CartLineForm, CartLines } from "./_components/cart-line-form";

export const metadata: Metadata = { title: "Your cart" };

export default async function CartPage() {
  const cart = await readMyCart();
  return (
    <section aria-labelledby="cart-heading">
      <h1 id="cart-heading">Your cart</h1>
      <CartLines>
        {cart.lines.length === 0 ? (
          <EmptyCart />
        ) : (
          <div className="cart-layout">
            <ul className="cart-lines" aria-label="Items in your cart">
              {cart.lines.map((line) => (
                <li key={line.productId} className="cart-line">
                  <ProductImage src={line.image} alt="" size={96} className="cart-line-image" />
                  <div className="cart-line-main">
                    {line.available ? (
                      <Link href={`/products/${line.slug}`} className="cart-line-name">
                        {line.name}
                      </Link>
                    ) : (
                      <span className="cart-line-name">{line.name}</span>
                    )}
                    <span className="muted">{formatPrice(line.unitPriceCents)} each</span>
                    {!line.available && (
                      <span className="stock stock-out">No longer sold: remove it to check out</span>
                    )}
                  </div>
                  <span className="cart-line-total">
                    <span className="visually-hidden">Line total: </span>
                    {formatPrice(line.lineTotalCents)}
                  </span>
                  <div className="cart-line-edit">
                    <CartLineForm productId={line.productId} name={line.name} quantity={line.quantity} />
                  </div>
                </li>
              ))}
            </ul>
            <aside className="cart-summary" aria-label="Order summary">
              <p className="summary-row">
                <span>
                  Subtotal ({cart.itemCount} {cart.itemCount === 1 ? "item" : "items"})
                </span>
                <strong data-testid="cart-subtotal">{formatPrice(cart.subtotalCents)}</strong>
              </p>
              <p className="muted small">Shipping is free. Prices are confirmed when you place the order.</p>
              <Link href="/checkout" className="button button-primary button-wide">
                Go to checkout
              </Link>
            </aside>
          </div>
        )}
      </CartLines>
    </section>
  );
}
