"use client";
import { useActionState } from "react";
import { type CheckoutState, placeOrderAction } from "@/app/checkout/actions";
import { ActionForm, SubmitButton } from "@/components/action-form";
import { AddressFields } from "@/components/address-fields";
import { FormMessage } from "@/components/form-message";
import { GuestEmailField } from "@/components/guest-email-field";
import { PostalAddress } from "@/components/postal-address";
import type { Address } from "@/lib/addresses";

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
  const errors = state && !state.ok ? state.error.fields : undefined;
  const chosen = state?.addressId ?? String(addresses.find((a) => a.isDefault)?.id ?? "new");
  return (
    <ActionForm action={formAction} pending={pending} state={state} className="checkout-form">
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {guest && <GuestEmailField value={values.email} error={errors?.email} />}
      <fieldset className="stack">
        <legend>Ship to</legend>
        {addresses.map((a) => (
          <label key={a.id} className="address-choice">
            <input type="radio" name="addressId" value={a.id} defaultChecked={chosen === String(a.id)} />
            <PostalAddress address={a} inline />
          </label>
        ))}
        {addresses.length > 0 && (
          <label className="address-choice">
            <input type="radio" name="addressId" value="new" defaultChecked={chosen === "new"} />
            <span>
              <strong>A new address</strong>
            </span>
          </label>
        )}
        <div className="address-fields">
          <AddressFields idPrefix="ship" values={values} errors={errors} autoCompleteSection="shipping" />
          {!guest && (
            <label className="checkbox">
              <input type="checkbox" name="saveAddress" defaultChecked />
              Save this address to my account
            </label>
          )}
        </div>
      </fieldset>
      {state && !state.ok && <FormMessage state={state} />}
      <SubmitButton className="button button-primary button-wide" pendingLabel="Placing your order…">
        Place order · {totalLabel}
      </SubmitButton>
    </ActionForm>
  );
}
