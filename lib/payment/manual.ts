import type { PaymentProvider } from "./provider";

/**
 * The default with nothing configured: bank transfer or payment on collection. Nothing leaves the
 * site: the shopper is shown (and mailed) the instructions, staff mark the order paid in the admin
 * when the money arrives, and a refund is money staff send back themselves.
 */
export const manualProvider: PaymentProvider = {
  name: "manual",
  async start() {
    return { reference: null, checkoutUrl: null };
  },
  async outcome() {
    return { state: "open" }; // only staff know; they say so in the admin
  },
  async close() {
    return { state: "closed" };
  },
  async refund() {},
};

export const DEFAULT_MANUAL_INSTRUCTIONS =
  "Pay by bank transfer to Keepcart Ltd, sort code 00-00-00, account 00000000, quoting your order number. We pack your order as soon as the money arrives.";
