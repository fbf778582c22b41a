"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { adminAction } from "@/lib/admin/require";
import { type MoveResult, moveOrder, moveOrderSchema } from "@/lib/orders/status";
import {
  markPaidByStaff,
  type PaymentActionResult,
  paymentActionSchema,
  refundByStaff,
} from "@/lib/payment/staff";
import { formFields, parseInput } from "@/lib/validation";

/** Staff move an order to its next status (or cancel it). Same rule as POST /api/admin/orders/:id/status. */
export async function moveOrderAction(
  _previous: ActionResult<MoveResult> | null,
  formData: FormData,
): Promise<ActionResult<MoveResult>> {
  return adminAction("move order", async (actor) => {
    const input = parseInput(moveOrderSchema, formFields(formData));
    const result = await moveOrder({ ...input, actor });
    // The shopper's order page, their notifications and every admin figure show it at once.
    revalidatePath("/", "layout");
    return result;
  });
}

/** Staff mark a manual payment received, or refund a paid order in full (docs/decisions/032). Audited. */
export async function paymentAction(
  _previous: ActionResult<PaymentActionResult> | null,
  formData: FormData,
): Promise<ActionResult<PaymentActionResult>> {
  return adminAction("payment", async (actor) => {
    const { orderId, action } = parseInput(paymentActionSchema, formFields(formData));
    const result =
      action === "mark-paid"
        ? await markPaidByStaff({ orderId, actor })
        : await refundByStaff({ orderId, actor });
    revalidatePath("/", "layout");
    return result;
  });
}
