import { renderMail, SHOP_NAME, shopUrl } from "../mail/template";
import { formatPrice } from "../money";

/** Order mails: what enqueueMail takes, less the address. Each links to the order's page. */
export function orderPlacedMail(order: {
  orderId: number;
  totalCents: number;
  lines: { name: string; quantity: number; unitPriceCents: number }[];
  /** Where "See your order" goes: a guest's order link (decision 033) instead of the account's page. */
  url?: string;
  /** The link opens the order by itself: its body is blanked once delivered (decision 026). */
  sensitive?: boolean;
  /** How to pay, when the shopper pays by hand (docs/decisions/032). */
  paymentInstructions?: string;
}) {
  const total = formatPrice(order.totalCents);
  return {
    kind: "order-placed",
    subject: `${SHOP_NAME} order #${order.orderId} is placed (${total})`,
    ...renderMail({
      heading: `Thank you: order #${order.orderId} is placed`,
      paragraphs: [
        ...order.lines.map((l) => `${l.quantity} × ${l.name}: ${formatPrice(l.unitPriceCents * l.quantity)}`),
        `Total: ${total}`,
        ...(order.paymentInstructions ? order.paymentInstructions.split("\n") : []),
        "We will mail you again when it ships.",
      ],
      action: { label: "See your order", url: order.url ?? shopUrl(`/orders/${order.orderId}`) },
    }),
    sensitive: order.sensitive ?? false,
  };
}

/** Sent when staff mark an order shipped or delivered; `message` is the in-app notification's text. */
export function orderStatusMail(orderId: number, status: "shipped" | "delivered", message: string) {
  return {
    kind: `order-${status}`,
    subject: `${SHOP_NAME} order #${orderId} ${status === "shipped" ? "is on its way" : "was delivered"}`,
    ...renderMail({
      heading: message,
      paragraphs: [
        status === "shipped" ? "Follow it from your order's page." : "Thank you for shopping with us.",
      ],
      action: { label: "See your order", url: shopUrl(`/orders/${orderId}`) },
    }),
  };
}
