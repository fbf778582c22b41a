"use client";
import { useActionState } from "react";
import { type CheckoutState, placeOrderAction } from "@/app/checkout/actions";
import type { Address } from "@/lib/addresses";
import { AddressFields } from "./address-fields";
import { FormMessage } from "./form-message";
import { GuestEmailField } from "./guest-email-field";

/**
 * The idempotency key is rendered into the form: two clicks or a retry send the same key, and the
 * server answers both with the one order.
 */
export function CheckoutForm({
  idempotencyKey,
  addresses,
  totalLabel,
  guest = false,
}: {
  idempotencyKey: string;
  addresses: Address[];
  totalLabel: string;
  /** No account: an email to reach the shopper, and nothing to save the address to (decision 033). */
  guest?: boolean;
}) {
  const [state, formAction, pending] = useActionState<CheckoutState, FormData>(placeOrderAction, null);
  const values = state?.values ?? {};
  const errorField = state && !state.ok ? state.error.field : undefined;
  return (
    <form action={formAction} className="checkout-form" aria-busy={pending}>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {guest && <GuestEmailField value={values.email} invalid={errorField === "email"} />}
      <fieldset className="stack">
        <legend>Ship to</legend>
        {addresses.map((a) => (
          <label key={a.id} className="address-choice">
            <input type="radio" name="addressId" value={a.id} defaultChecked={a.isDefault} />
            <span>
              <strong>{a.fullName}</strong>
              <br />
              {[a.line1, a.line2, a.city, a.postalCode, a.country].filter(Boolean).join(", ")}
            </span>
          </label>
        ))}
        {addresses.length > 0 && (
          <label className="address-choice">
            <input type="radio" name="addressId" value="new" />
            <span>
              <strong>A new address</strong>
            </span>
          </label>
        )}
        <div className="address-fields">
          <AddressFields
            idPrefix="ship"
            values={values}
            errorField={errorField}
            autoCompleteSection="shipping"
          />
          {!guest && (
            <label className="checkbox">
              <input type="checkbox" name="saveAddress" defaultChecked />
              Save this address to my account
            </label>
          )}
        </div>
      </fieldset>
      {state && !state.ok && <FormMessage state={state} />}
      <button type="submit" className="button button-primary button-wide" disabled={pending}>
        Place order · {totalLabel}
      </button>
    </form>
  );
}
