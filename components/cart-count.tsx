"use client";
import Link from "next/link";
import { createContext, use, useOptimistic } from "react";
import { Icon } from "./icon";

type CartCount = { count: number; adjust: (delta: number) => void };
const CartCountContext = createContext<CartCount>({ count: 0, adjust: () => {} });

/**
 * The header's item count, shared with the cart forms: a form adjusts it at once (useOptimistic,
 * inside its action's transition); when the action ends the server's count replaces it, so a
 * refused change snaps back.
 */
export function CartCountProvider({ count, children }: { count: number; children: React.ReactNode }) {
  const [optimistic, adjust] = useOptimistic(count, (current: number, delta: number) =>
    Math.max(0, current + delta),
  );
  return <CartCountContext value={{ count: optimistic, adjust }}>{children}</CartCountContext>;
}

export function useCartCount(): CartCount {
  return use(CartCountContext);
}

/** The visible text ("Cart 2") must be part of the name ("Cart, 2 items"): hence the space between. */
export function CartLink() {
  const { count } = useCartCount();
  return (
    <Link href="/cart" className="cart-link" aria-label={`Cart, ${count} ${count === 1 ? "item" : "items"}`}>
      <CartIcon />
      <span className="cart-link-text">Cart</span>{" "}
      <span className="cart-count" data-testid="cart-count">
        {count}
      </span>
    </Link>
  );
}

function CartIcon() {
  return (
    <Icon size={18}>
      <path d="M6 6h15l-1.5 9h-12z" />
      <path d="M6 6 5 3H2" />
      <circle cx="9" cy="20" r="1.5" />
      <circle cx="18" cy="20" r="1.5" />
    </Icon>
  );
}
