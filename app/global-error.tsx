"use client";
import { DIGEST_PREFIX, UNAVAILABLE_MESSAGE } from "@/lib/errors";
import "./globals.css";

/** The root layout itself failed (it reads the session): a page of its own, no header. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const unavailable = (error as { digest?: unknown } | null)?.digest === `${DIGEST_PREFIX}UNAVAILABLE`;
  return (
    <html lang="en">
      <body>
        <main className="page error-page">
          <h1>{unavailable ? "Temporarily unavailable" : "Something went wrong"}</h1>
          <p role="alert" className="notice notice-error">
            {unavailable ? UNAVAILABLE_MESSAGE : "Sorry, something went wrong on our side. Please try again."}
          </p>
          <button type="button" className="button button-primary" onClick={() => retry()}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
