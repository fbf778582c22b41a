import Stripe from "stripe";
import { AppError } from "../errors";

/**
 * Every call Keepcart makes to Stripe, and nothing else: tests point it at a local stand-in
 * (STRIPE_API_URL) that answers these few endpoints with Stripe-shaped JSON, because these machines
 * cannot reach Stripe. Retries are safe: each creating call carries an idempotency key per order.
 */
export type StripeApi = {
  createCheckoutSession(
    params: Stripe.Checkout.SessionCreateParams,
    idempotencyKey: string,
  ): Promise<Stripe.Checkout.Session>;
  retrieveCheckoutSession(id: string): Promise<Stripe.Checkout.Session>;
  expireCheckoutSession(id: string): Promise<Stripe.Checkout.Session>;
  createRefund(params: Stripe.RefundCreateParams, idempotencyKey: string): Promise<Stripe.Refund>;
  /** Checks the signature over the raw body and parses the event (no network). */
  verifyWebhook(rawBody: string, signature: string, secret: string): Stripe.Event;
};

export function createStripeApi(config: { secretKey: string; apiUrl?: string }): StripeApi {
  const target = config.apiUrl ? new URL(config.apiUrl) : undefined;
  const stripe = new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    appInfo: { name: "Keepcart" },
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === "https:" ? 443 : 80),
          protocol: target.protocol === "https:" ? "https" : "http",
        }
      : {}),
  });
  const call = async <T>(what: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw asAppError(what, error);
    }
  };
  return {
    createCheckoutSession: (params, idempotencyKey) =>
      call("start a card payment", () => stripe.checkout.sessions.create(params, { idempotencyKey })),
    retrieveCheckoutSession: (id) => call("read a card payment", () => stripe.checkout.sessions.retrieve(id)),
    expireCheckoutSession: (id) => call("close a card payment", () => stripe.checkout.sessions.expire(id)),
    createRefund: (params, idempotencyKey) =>
      call("refund a card payment", () => stripe.refunds.create(params, { idempotencyKey })),
    verifyWebhook: (rawBody, signature, secret) => stripe.webhooks.constructEvent(rawBody, signature, secret),
  };
}

/**
 * Stripe unreachable or failing is an outage (503, try again); a refused request (4xx) is a
 * conflict whose message says what Stripe objected to. The secret key is never in either.
 */
function asAppError(what: string, error: unknown): AppError {
  if (error instanceof Stripe.errors.StripeError) {
    const status = error.statusCode ?? 0;
    if (status >= 400 && status < 500 && status !== 429) {
      return new AppError("CONFLICT", `Stripe refused to ${what}: ${error.message}`, { cause: error });
    }
  }
  return new AppError("UNAVAILABLE", `The card processor could not ${what}. Please try again in a moment.`, {
    cause: error,
    retryAfterSeconds: 30,
  });
}
