import { errorResponse, json, readRawBody } from "@/lib/http/api";
import { handleStripeWebhook } from "@/lib/payment/webhook";

export const dynamic = "force-dynamic";

/** Stripe's events are a few KiB; this leaves room without buffering whatever is sent. */
const MAX_EVENT_BYTES = 256 * 1024;

/**
 * Stripe webhooks (docs/decisions/032). Not wrapped in apiRoute: it is the one route exempt from
 * the same-origin check (lib/http/same-origin.ts), its signature being the proof of origin. 200 only
 * after the change has committed; 400 for a bad signature; 503 (Stripe retries) during an outage.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const body = await readRawBody(request, MAX_EVENT_BYTES);
    const outcome = await handleStripeWebhook(body, request.headers.get("stripe-signature"));
    return json({ received: true, outcome });
  } catch (error) {
    return errorResponse(error, request.headers.get("x-request-id"));
  }
}
