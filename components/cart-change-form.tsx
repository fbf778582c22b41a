"use client";
import type { ReactNode } from "react";
import { ActionForm } from "./action-form";
import { useCartCount } from "./cart-count";

/**
 * A form that changes one cart line (the product page's "Add to cart", the cart page's line
 * controls): the product id rides along, what was typed stays after a refusal, and the header's
 * count moves by `delta` at once.
 */
export function CartChangeForm({
  action,
  pending,
  productId,
  delta,
  className,
  children,
}: {
  action: (formData: FormData) => void;
  pending: boolean;
  productId: number;
  delta: (formData: FormData) => number;
  className: string;
  children: ReactNode;
}) {
  const moveCount = useOptimisticCount(delta);
  return (
    <ActionForm
      action={action}
      pending={pending}
      beforeAction={moveCount}
      reset={false}
      className={className}
    >
      <input type="hidden" name="productId" value={productId} />
      {children}
    </ActionForm>
  );
}

/**
 * For ActionForm's `beforeAction`: moves the header's count by `delta` inside the action's
 * transition; React keeps that optimistic count until the action settles, then the server's count
 * replaces it (so a refused change snaps back).
 */
export function useOptimisticCount(delta: (formData: FormData) => number) {
  const { adjust } = useCartCount();
  return (formData: FormData) => adjust(delta(formData));
}

/** A whole number from 1 to 99, or null: only a plausible value moves the count optimistically. */
export function plausibleQuantity(value: FormDataEntryValue | null): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n : null;
}
