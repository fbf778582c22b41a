"use client";
import { useActionState } from "react";
import { addToCartAction } from "@/app/cart/actions";
import { ActionForm, SubmitButton } from "./action-form";
import { FormMessage } from "./form-message";
import { QuantityInput } from "./quantity-input";
import { plausibleQuantity, useOptimisticCount } from "./use-cart-form";

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
  const moveCount = useOptimisticCount((data) => plausibleQuantity(data.get("quantity")) ?? 0);
  return (
    <ActionForm
      action={formAction}
      pending={pending}
      beforeAction={moveCount}
      reset={false}
      className="add-to-cart"
    >
      <input type="hidden" name="productId" value={productId} />
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
    </ActionForm>
  );
}
