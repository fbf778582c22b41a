"use client";
import { type ReactNode, useActionState } from "react";
import { type AccountActionState, saveAddressAction } from "@/app/account/actions";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { AddressFields } from "@/components/address-fields";
import { FormMessage } from "@/components/form-message";
import type { Address } from "@/lib/addresses";

/**
 * Adds an address, or edits `address` when given, in a disclosure headed `summary`. Once submitted
 * it stays open, so its answer (and, without JavaScript, every field error) is in view. Field ids
 * are prefixed so several forms fit one page.
 */
export function AddressForm({
  address,
  summary,
  open = false,
  formToken,
}: {
  address?: Address;
  summary: ReactNode;
  open?: boolean;
  /** For a new address: without JavaScript, the same form posted twice adds once (lib/form-token.ts). */
  formToken?: string;
}) {
  const [state, formAction, pending] = useActionState<AccountActionState, FormData>(saveAddressAction, null);
  const prefix = address ? `address-${address.id}` : "address-new";
  const values = state?.values ?? address ?? {};
  const errors = state && !state.ok ? state.error.fields : undefined;
  return (
    <details className="address-edit" open={open || state !== null || undefined}>
      <summary>{summary}</summary>
      <ActionForm action={formAction} pending={pending} state={state} className="address-form">
        {address && <input type="hidden" name="id" value={address.id} />}
        {formToken && <input type="hidden" name="formToken" value={formToken} />}
        <div className="address-fields">
          <AddressFields idPrefix={prefix} values={values} errors={errors} />
          {!address && (
            <label className="checkbox">
              <input type="checkbox" name="makeDefault" />
              Make this my default address
            </label>
          )}
        </div>
        <FormMessage state={state} />
        <SubmitButton pendingLabel="Saving…">{address ? "Save changes" : "Add address"}</SubmitButton>
      </ActionForm>
    </details>
  );
}
