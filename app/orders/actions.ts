"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { type ActionResult, runAction } from "@/lib/action-result";
import { AppError } from "@/lib/errors";
import { orderIdSchema } from "@/lib/orders/order-id";
import { getOrderFor } from "@/lib/orders/queries";
import { currentOrderViewer } from "@/lib/orders/viewer";
import { startPayment } from "@/lib/payment/checkout";
import { formFields, parseInput } from "@/lib/validation";

const paySchema = z.object({ orderId: orderIdSchema, token: z.string().max(100).optional() });

/** "Pay by card": only someone who may see the order may pay it; then off to Stripe Checkout. */
export async function payOrderAction(
  _prev: ActionResult<null> | null,
  formData: FormData,
): Promise<ActionResult<null>> {
  let url: string | null = null;
  const result = await runAction("pay-order", async () => {
    const { orderId, token } = parseInput(paySchema, formFields(formData));
    const viewer = token ? { token } : await currentOrderViewer();
    if (!viewer) throw new AppError("NOT_FOUND", "No such order.");
    const order = await getOrderFor(viewer, orderId);
    if (order.id !== orderId) throw new AppError("NOT_FOUND", "No such order.");
    url = await startPayment(orderId);
    if (!url) throw new AppError("CONFLICT", "This order is not paid by card.");
    return null;
  });
  if (result.ok && url) redirect(url);
  return result;
}
