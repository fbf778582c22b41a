import { env } from "../env";
import { formatPrice } from "../money";
import { DEFAULT_MANUAL_INSTRUCTIONS } from "./manual";

/** What a shopper paying by hand is told (page and mail): the shop's instructions, the amount, the deadline. */
export function manualPaymentInstructions(order: {
  id: number;
  totalCents: number;
  holdUntil: Date;
}): string {
  const instructions = env().MANUAL_PAYMENT_INSTRUCTIONS ?? DEFAULT_MANUAL_INSTRUCTIONS;
  const by = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone: "UTC",
  }).format(order.holdUntil);
  return `${instructions}\nAmount: ${formatPrice(order.totalCents)}, reference: order #${order.id}.\nPlease pay by ${by} (UTC): an order not paid by then is cancelled.`;
}
