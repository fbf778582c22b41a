import type Stripe from "stripe";
import type { PaymentProvider, ProviderOutcome } from "./provider";
import type { StripeApi } from "./stripe-api";

/**
 * Card payments through Stripe Checkout (docs/decisions/032). The shopper pays on Stripe's page;
 * the order becomes paid only from a verified webhook (lib/payment/webhook.ts) or from asking
 * Stripe directly (outcome/close), never from the browser coming back to the return URL.
 */
export function stripeProvider(api: StripeApi, baseUrl: string): PaymentProvider {
  return {
    name: "stripe",
    async start(input) {
      const orderId = String(input.orderId);
      const session = await api.createCheckoutSession(
        {
          mode: "payment",
          client_reference_id: orderId,
          customer_email: input.email ?? undefined,
          line_items: input.lines.map((l) => ({
            quantity: l.quantity,
            price_data: {
              currency: input.currency,
              unit_amount: l.unitPriceCents,
              product_data: { name: l.name },
            },
          })),
          // The hold and Stripe's own expiry end together: no payment can complete after the stock is released.
          expires_at: Math.floor(input.holdUntil.getTime() / 1000),
          metadata: { orderId },
          payment_intent_data: { metadata: { orderId } },
          success_url: `${baseUrl}/orders/${orderId}?payment=returned`,
          cancel_url: `${baseUrl}/orders/${orderId}?payment=cancelled`,
        },
        `keepcart-order-${orderId}-checkout`,
      );
      return { reference: session.id, checkoutUrl: session.url };
    },
    async outcome(reference) {
      return outcomeOf(await api.retrieveCheckoutSession(reference));
    },
    async close(reference) {
      const session = await api.retrieveCheckoutSession(reference);
      if (session.status !== "open") return outcomeOf(session);
      try {
        return outcomeOf(await api.expireCheckoutSession(reference));
      } catch (error) {
        // Completed between the read and the expire: read it again and report what it became.
        const again = await api.retrieveCheckoutSession(reference);
        if (again.status === "open") throw error;
        return outcomeOf(again);
      }
    },
    async refund({ orderId, chargeReference, amountCents }) {
      if (!chargeReference) throw new Error(`order ${orderId} has no Stripe payment to refund`);
      await api.createRefund(
        { payment_intent: chargeReference, amount: amountCents, metadata: { orderId: String(orderId) } },
        `keepcart-order-${orderId}-refund`,
      );
    },
  };
}

export function outcomeOf(session: Stripe.Checkout.Session): ProviderOutcome {
  if (session.status === "complete" && session.payment_status !== "unpaid") {
    return {
      state: "paid",
      chargeReference: idOf(session.payment_intent),
      amountCents: session.amount_total ?? null,
    };
  }
  if (session.status === "open" || session.status === "complete") return { state: "open" }; // complete but unpaid: an async method still settling
  return { state: "closed" };
}

export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}
