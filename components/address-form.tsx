"use client";
import { useActionState } from "react";
import { type AccountActionState, saveAddressAction } from "@/app/account/actions";
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

/** Adds an address, or edits `address` when given. Field ids are prefixed so several forms fit one page. */
export function AddressForm({ address }: { address?: Address }) {
  const [state, formAction, pending] = useActionState<AccountActionState, FormData>(saveAddressAction, null);
  const prefix = address ? `address-${address.id}` : "address-new";
  const values = state?.values ?? address ?? {};
  const errorField = state && !state.ok ? state.error.field : undefined;
  return (
    <form action={formAction} className="address-form" aria-busy={pending}>
      {address && <input type="hidden" name="id" value={address.id} />}
      <div className="address-fields">
        {FIELDS.map((f) => (
          <div className="field" key={f.name}>
            <label htmlFor={`${prefix}-${f.name}`}>{f.label}</label>
            <input
              id={`${prefix}-${f.name}`}
              name={f.name}
              autoComplete={f.autoComplete}
              defaultValue={values[f.name] ?? ""}
              aria-invalid={errorField === f.name ? true : undefined}
              className="input"
            />
          </div>
        ))}
        {!address && (
          <label className="checkbox">
            <input type="checkbox" name="makeDefault" />
            Make this my default address
          </label>
        )}
      </div>
      <FormMessage state={state} />
      <button type="submit" className="button button-primary">
        {address ? "Save changes" : "Add address"}
      </button>
    </form>
  );
}
