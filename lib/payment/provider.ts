import type { PaymentProviderName } from "@/db/schema";

/**
 * What Keepcart asks of a payment provider (docs/decisions/032). The database is the ledger: a
 * provider only talks to the outside world, and every state change it reports is applied by
 * lib/payment/ledger.ts in a transaction that holds the order's row lock.
 */
export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Starts paying an order that is already placed: where to send the shopper, if anywhere. */
  start(input: StartInput): Promise<StartedPayment>;
  /** Asks the provider how the payment stands (a webhook may be late or lost). */
  outcome(reference: string): Promise<ProviderOutcome>;
  /**
   * Makes an unpaid payment impossible to complete (before its stock is released). Answers "paid"
   * when it was paid in the meantime, so the caller records that instead of cancelling.
   */
  close(reference: string): Promise<ProviderOutcome>;
  /** A full refund of a paid payment; idempotent per order. */
  refund(input: { orderId: number; chargeReference: string | null; amountCents: number }): Promise<void>;
}

export type StartInput = {
  orderId: number;
  amountCents: number;
  currency: string;
  email: string | null;
  holdUntil: Date;
  lines: { name: string; unitPriceCents: number; quantity: number }[];
};

export type StartedPayment = { reference: string | null; checkoutUrl: string | null };

export type ProviderOutcome =
  | { state: "paid"; chargeReference: string | null; amountCents: number | null }
  | { state: "open" }
  | { state: "closed" };
