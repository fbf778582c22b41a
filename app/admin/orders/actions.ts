"use server";

import { revalidatePath } from "next/cache";
import { type AdminActionResult, adminAction, formFields, parseAdminInput } from "@/lib/admin/require";
import { type MoveResult, moveOrder, moveOrderSchema } from "@/lib/orders/status";

/** Staff move an order to its next status (or cancel it). Same rule as POST /api/admin/orders/:id/status. */
export async function moveOrderAction(
  _previous: AdminActionResult<MoveResult> | null,
  formData: FormData,
): Promise<AdminActionResult<MoveResult>> {
  return adminAction("move order", async (actor) => {
    const input = parseAdminInput(moveOrderSchema, formFields(formData));
    const result = await moveOrder({ ...input, actor });
    // The shopper's order page, their notifications and every admin figure show it at once.
    revalidatePath("/", "layout");
    return result;
  });
}
