"use client";
import { useActionState } from "react";
import { type AccountActionState, saveAddressAction } from "@/app/account/actions";
import type { Address } from "@/lib/addresses";
import { AddressFields } from "./address-fields";
import { FormMessage } from "./form-message";

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
        <AddressFields idPrefix={prefix} values={values} errorField={errorField} />
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
