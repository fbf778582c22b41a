"use client";
import { useActionState } from "react";
import { addToCartAction } from "@/app/cart/actions";
import { SubmitButton } from "@/components/action-form";
import { CartChangeForm, plausibleQuantity } from "@/components/cart-change-form";
import { FormMessage } from "@/components/form-message";
import { QuantityInput } from "@/components/quantity-input";

/** `formToken` (lib/form-token.ts): without JavaScript, a double click on "Add to cart" adds once. */
export function AddToCartForm({
  productId,
  soldOut,
  formToken,
}: {
  productId: number;
  soldOut: boolean;
  formToken: string;
}) {
  const [state, formAction, pending] = useActionState(addToCartAction, null);
  return (
    <CartChangeForm
      action={formAction}
      pending={pending}
      productId={productId}
      delta={(data) => plausibleQuantity(data.get("quantity")) ?? 0}
      className="add-to-cart"
    >
      <input type="hidden" name="formToken" value={formToken} />
      <div className="add-to-cart-row">
        <div className="field">
          <label htmlFor="quantity">Quantity</label>
          <QuantityInput id="quantity" defaultValue={1} disabled={soldOut} />
        </div>
        <SubmitButton disabled={soldOut} pendingLabel="Adding…">
          Add to cart
        </SubmitButton>
      </div>
      <FormMessage state={state} />
    </CartChangeForm>
  );
}
