import type { PaymentEvent } from "@/db/schema";
import { renderMail, SHOP_NAME, shopUrl } from "../mail/template";

type Mailable = Exclude<PaymentEvent, "payment_cancelled">;

const CONTENT: Record<Mailable, (id: number) => { subject: string; heading: string; paragraphs: string[] }> =
  {
    paid: (id) => ({
      subject: `${SHOP_NAME} order #${id} is paid`,
      heading: `Payment received for order #${id}`,
      paragraphs: ["Thank you. We are packing your order now and will mail you again when it ships."],
    }),
    payment_failed: (id) => ({
      subject: `${SHOP_NAME} order #${id}: the payment failed`,
      heading: `The payment for order #${id} failed`,
      paragraphs: ["Nothing was charged, and the order is cancelled. You are welcome to order again."],
    }),
    payment_expired: (id) => ({
      subject: `${SHOP_NAME} order #${id} is cancelled (not paid)`,
      heading: `Order #${id} was not paid in time`,
      paragraphs: ["So it is cancelled and its items are back on sale. Nothing was charged."],
    }),
    refunded: (id) => ({
      subject: `${SHOP_NAME} order #${id} is refunded`,
      heading: `Order #${id} has been refunded in full`,
      paragraphs: ["The money is on its way back to you; a card refund can take a few days to show."],
    }),
  };

/**
 * The mail for a payment change (docs/decisions/032), for enqueueMail in the change's transaction.
 * An account's mail links to its order page; a guest's points back to the link it already has.
 */
export function paymentMail(kind: Mailable, orderId: number, guest: boolean) {
  const { subject, heading, paragraphs } = CONTENT[kind](orderId);
  return {
    kind: `payment-${kind.replace("payment_", "")}`,
    subject,
    ...renderMail({
      heading,
      paragraphs,
      ...(guest
        ? { footnote: "Your order confirmation mail has the link to follow this order." }
        : { action: { label: "See your order", url: shopUrl(`/orders/${orderId}`) } }),
    }),
  };
}
