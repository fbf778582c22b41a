"use client";
import { useActionState } from "react";
import { addToCartAction } from "@/app/cart/actions";
import { FormMessage } from "./form-message";
import { QuantityInput } from "./quantity-input";
import { plausibleQuantity, useOptimisticCartSubmit } from "./use-cart-form";

export function AddToCartForm({ productId, soldOut }: { productId: number; soldOut: boolean }) {
  const [state, formAction, pending] = useActionState(addToCartAction, null);
  const onSubmit = useOptimisticCartSubmit(
    formAction,
    (data) => plausibleQuantity(data.get("quantity")) ?? 0,
  );
  return (
    <form action={formAction} onSubmit={onSubmit} className="add-to-cart" aria-busy={pending}>
      <input type="hidden" name="productId" value={productId} />
      <div className="add-to-cart-row">
        <div className="field">
          <label htmlFor="quantity">Quantity</label>
          <QuantityInput id="quantity" defaultValue={1} disabled={soldOut} />
        </div>
        <button type="submit" className="button button-primary" disabled={soldOut}>
          Add to cart
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
