"use client";
import { useActionState } from "react";
import { type CheckoutState, placeOrderAction } from "@/app/checkout/actions";
import type { Address } from "@/lib/addresses";
import { FormMessage } from "./form-message";

const FIELDS = [
  { name: "fullName", label: "Full name", autoComplete: "name" },
  { name: "line1", label: "Street address", autoComplete: "address-line1" },
  { name: "line2", label: "Flat, suite, etc. (optional)", autoComplete: "address-line2" },
  { name: "city", label: "Town or city", autoComplete: "address-level2" },
  { name: "postalCode", label: "Postcode", autoComplete: "postal-code" },
  { name: "country", label: "Country", autoComplete: "country-name" },
] as const;

/**
 * The idempotency key is rendered into the form: two clicks or a retry send the same key, and the
 * server answers both with the one order.
 */
export function CheckoutForm({
  idempotencyKey,
  addresses,
  totalLabel,
}: {
  idempotencyKey: string;
  addresses: Address[];
  totalLabel: string;
}) {
  const [state, formAction, pending] = useActionState<CheckoutState, FormData>(placeOrderAction, null);
  const values = state?.values ?? {};
  const errorField = state && !state.ok ? state.error.field : undefined;
  return (
    <form action={formAction} className="checkout-form" aria-busy={pending}>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
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
          {FIELDS.map((f) => (
            <div className="field" key={f.name}>
              <label htmlFor={`ship-${f.name}`}>{f.label}</label>
              <input
                id={`ship-${f.name}`}
                name={f.name}
                autoComplete={`shipping ${f.autoComplete}`}
                defaultValue={values[f.name] ?? ""}
                aria-invalid={errorField === f.name ? true : undefined}
                className="input"
              />
            </div>
          ))}
          <label className="checkbox">
            <input type="checkbox" name="saveAddress" defaultChecked />
            Save this address to my account
          </label>
        </div>
      </fieldset>
      {state && !state.ok && <FormMessage state={state} />}
      <button type="submit" className="button button-primary button-wide" disabled={pending}>
        Place order · {totalLabel}
      </button>
    </form>
  );
}
