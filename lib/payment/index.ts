import { env } from "../env";
import { manualProvider } from "./manual";
import type { PaymentProvider } from "./provider";
import { stripeProvider } from "./stripe";
import { createStripeApi } from "./stripe-api";

export type { PaymentProviderName, PaymentStatus } from "@/db/schema";
export type { PaymentProvider } from "./provider";

let cached: { key: string; provider: PaymentProvider } | undefined;

/** The configured provider: Stripe when both of its variables are set, else manual (lib/env.ts). */
export function paymentProvider(): PaymentProvider {
  const e = env();
  if (e.paymentProvider === "manual") return manualProvider;
  const key = `${e.STRIPE_SECRET_KEY}|${e.STRIPE_API_URL ?? ""}`;
  if (cached?.key !== key) {
    const api = createStripeApi({ secretKey: e.STRIPE_SECRET_KEY!, apiUrl: e.STRIPE_API_URL });
    cached = { key, provider: stripeProvider(api, e.publicBaseUrl) };
  }
  return cached.provider;
}

/** The provider that took a given payment: one configured later must not be asked about the other's. */
export function providerFor(name: "manual" | "stripe"): PaymentProvider {
  if (name === "manual") return manualProvider;
  const provider = paymentProvider();
  if (provider.name !== "stripe") {
    throw new Error("A Stripe payment needs STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to be managed");
  }
  return provider;
}
