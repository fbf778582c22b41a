"use client";
import { type FormEvent, startTransition } from "react";
import { useCartCount } from "./cart-count";

/**
 * The form keeps `action={formAction}` (a server action: it posts without JavaScript). With
 * JavaScript, this submit handler runs the same action inside a transition that first moves the
 * header count by `delta`; React keeps that optimistic count until the action settles.
 */
export function useOptimisticCartSubmit(
  formAction: (formData: FormData) => void,
  delta: (formData: FormData) => number,
) {
  const { adjust } = useCartCount();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    const formData = new FormData(event.currentTarget, submitter);
    startTransition(() => {
      adjust(delta(formData));
      formAction(formData);
    });
  };
}

/** A whole number from 1 to 99, or null: only a plausible value moves the count optimistically. */
export function plausibleQuantity(value: FormDataEntryValue | null): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n : null;
}
