"use server";

import { revalidatePath } from "next/cache";
import { type ProductUpdateResult, productUpdateSchema, updateProduct } from "@/lib/admin/products";
import { type AdminActionResult, adminAction, formFields, parseAdminInput } from "@/lib/admin/require";

/** Staff set a product's price, stock and whether it is on sale. */
export async function updateProductAction(
  _previous: AdminActionResult<ProductUpdateResult> | null,
  formData: FormData,
): Promise<AdminActionResult<ProductUpdateResult>> {
  return adminAction("update product", async (actor) => {
    const { productId, price, stock, active } = parseAdminInput(productUpdateSchema, formFields(formData));
    const result = await updateProduct({ productId, priceCents: price, stock, active, actor });
    // There is no catalog cache today; this keeps the storefront right if one is ever added.
    if (result.changed) revalidatePath("/", "layout");
    return result;
  });
}
