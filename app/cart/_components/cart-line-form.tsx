"use client";
import { createContext, type ReactNode, use, useActionState } from "react";
import { type CartLineState, changeCartLineAction } from "@/app/cart/actions";
import { SubmitButton } from "@/components/action-form";
import { CartChangeForm, plausibleQuantity } from "@/components/cart-change-form";
import { FormMessage } from "@/components/form-message";
import { QuantityInput } from "@/components/quantity-input";

type CartLines = { state: CartLineState; action: (formData: FormData) => void; pending: boolean };
const CartLinesContext = createContext<CartLines | null>(null);

/**
 * All the cart's line forms share one action state: the answer is shown by the line it belongs to
 * and replaced by the next line's, and "Removed …" outlives the line it removed (said above the
 * list). Works the same without JavaScript: the page comes back with that one state.
 */
export function CartLines({ children }: { children: ReactNode }) {
  const [state, action, pending] = useActionState(changeCartLineAction, null);
  const removed = state?.ok && state.data.removed ? state : null;
  return (
    <CartLinesContext value={{ state, action, pending }}>
      {removed && (
        <div className="cart-announce">
          <FormMessage state={removed} />
        </div>
      )}
      {children}
    </CartLinesContext>
  );
}

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
  const lines = use(CartLinesContext);
  if (!lines) throw new Error("CartLineForm belongs inside CartLines");
  const { state, action, pending } = lines;
  const delta = (data: FormData) => {
    if (data.get("intent") === "remove") return -quantity;
    const wanted = plausibleQuantity(data.get("quantity"));
    return wanted === null ? 0 : wanted - quantity;
  };
  const inputId = `qty-${productId}`;
  const mine = state?.productId === productId && !(state.ok && state.data.removed) ? state : null;
  return (
    <CartChangeForm
      action={action}
      pending={pending}
      productId={productId}
      delta={delta}
      className="cart-line-form"
    >
      <div className="cart-line-controls">
        <label htmlFor={inputId} className="visually-hidden">
          Quantity for {name}
        </label>
        <QuantityInput id={inputId} defaultValue={quantity} key={quantity} />
        <SubmitButton
          name="intent"
          value="update"
          className="button button-secondary"
          pendingLabel="Updating…"
        >
          Update
        </SubmitButton>
        <SubmitButton
          name="intent"
          value="remove"
          formNoValidate
          className="button button-link"
          aria-label={`Remove ${name}`}
          pendingLabel="Removing…"
        >
          Remove
        </SubmitButton>
      </div>
      <FormMessage state={mine} />
    </CartChangeForm>
  );
}
