"use client";
import Link from "next/link";
import { DIGEST_PREFIX, UNAVAILABLE_MESSAGE } from "@/lib/errors";

/** Production hides server error messages; AppError's digest still says whether it was an outage. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = (error as { digest?: unknown } | null)?.digest;
  const unavailable = digest === `${DIGEST_PREFIX}UNAVAILABLE`;
  return (
    <section className="error-page" aria-labelledby="error-heading">
      <h1 id="error-heading">{unavailable ? "Temporarily unavailable" : "Something went wrong"}</h1>
      <p role="alert" className="notice notice-error">
        {unavailable
          ? UNAVAILABLE_MESSAGE
          : "Sorry, something went wrong on our side. Your cart is safe; please try again."}
      </p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => retry()}>
          Try again
        </button>
        <Link href="/" className="button button-secondary">
          Back to the shop
        </Link>
      </div>
    </section>
  );
}
