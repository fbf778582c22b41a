"use client";
import { useCartCount } from "./cart-count";

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
