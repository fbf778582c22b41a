"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { type ProductUpdateResult, productUpdateSchema, updateProduct } from "@/lib/admin/products";
import { adminAction } from "@/lib/admin/require";
import { formFields, parseInput } from "@/lib/validation";

/** Staff set a product's price, stock and whether it is on sale. */
export async function updateProductAction(
  _previous: ActionResult<ProductUpdateResult> | null,
  formData: FormData,
): Promise<ActionResult<ProductUpdateResult>> {
  return adminAction("update product", async (actor) => {
    const { productId, price, stock, active } = parseInput(productUpdateSchema, formFields(formData));
    const result = await updateProduct({ productId, priceCents: price, stock, active, actor });
    // There is no catalog cache today; this keeps the storefront right if one is ever added.
    if (result.changed) revalidatePath("/", "layout");
    return result;
  });
}
