"use client";
import { useActionState } from "react";
import { changeCartLineAction } from "@/app/cart/actions";
import { FormMessage } from "./form-message";
import { QuantityInput } from "./quantity-input";
import { plausibleQuantity, useOptimisticCartSubmit } from "./use-cart-form";

/** One cart line's controls: set the quantity ("Update") or remove the line. */
export function CartLineForm({
  productId,
  name,
  quantity,
}: {
  productId: number;
  name: string;
  quantity: number;
}) {
  const [state, formAction, pending] = useActionState(changeCartLineAction, null);
  const onSubmit = useOptimisticCartSubmit(formAction, (data) => {
    if (data.get("intent") === "remove") return -quantity;
    const wanted = plausibleQuantity(data.get("quantity"));
    return wanted === null ? 0 : wanted - quantity;
  });
  const inputId = `qty-${productId}`;
  return (
    <form action={formAction} onSubmit={onSubmit} className="cart-line-form" aria-busy={pending}>
      <input type="hidden" name="productId" value={productId} />
      <div className="cart-line-controls">
        <label htmlFor={inputId} className="visually-hidden">
          Quantity for {name}
        </label>
        <QuantityInput id={inputId} defaultValue={quantity} key={quantity} />
        <button type="submit" name="intent" value="update" className="button button-secondary">
          Update
        </button>
        <button
          type="submit"
          name="intent"
          value="remove"
          formNoValidate
          className="button button-link"
          aria-label={`Remove ${name}`}
        >
          Remove
        </button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
