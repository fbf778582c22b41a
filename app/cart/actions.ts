"use server";
import { refresh } from "next/cache";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/action-result";
import { FORM_TOKEN_FIELD, formTokenFrom } from "@/lib/form-token";
import { addToMyCart, removeFromMyCart, setMyCartQuantity } from "@/lib/my-cart";
import { cartLineFormSchema, formFields, parseInput, rowIdFromText } from "@/lib/validation";

export type CartActionState = ActionResult<{ message: string }> | null;
/**
 * The cart page's one answer for all its lines: `productId` says which line it belongs to, so a
 * message sits by its line and goes when another line changes; `removed` when that line is gone.
 */
export type CartLineState =
  | (ActionResult<{ message: string; removed: boolean }> & { productId?: number })
  | null;

const lineSchema = cartLineFormSchema;
const intentSchema = z.object({
  productId: rowIdFromText("Unknown product."),
  intent: z.enum(["update", "remove"], { error: "Choose update or remove." }),
});

export async function addToCartAction(_prev: CartActionState, formData: FormData): Promise<CartActionState> {
  const result = await runAction("add-to-cart", async () => {
    const fields = formFields(formData);
    const line = parseInput(lineSchema, fields);
    const { quantity } = await addToMyCart(line, formTokenFrom(fields[FORM_TOKEN_FIELD]));
    return { message: `Added to your cart (${quantity} in cart).` };
  });
  if (result.ok) refresh();
  return result;
}

/** One form per cart line: "Update" sets the quantity, "Remove …" deletes the line. */
export async function changeCartLineAction(_prev: CartLineState, formData: FormData): Promise<CartLineState> {
  const fields = formFields(formData);
  const result = await runAction("change-cart-line", async () => {
    const { productId, intent } = parseInput(intentSchema, fields);
    if (intent === "remove") {
      const { removed } = await removeFromMyCart(productId);
      return { message: `Removed ${removed ?? "the item"} from your cart.`, removed: true };
    }
    const { quantity } = parseInput(lineSchema, fields);
    await setMyCartQuantity({ productId, quantity });
    return { message: "Quantity updated.", removed: false };
  });
  if (result.ok) refresh();
  const productId = rowIdFromText("").safeParse(fields.productId);
  return { ...result, productId: productId.success ? productId.data : undefined };
}
