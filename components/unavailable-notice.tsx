import { UNAVAILABLE_MESSAGE } from "@/lib/errors";

/** Shown in place of a page when the database cannot be reached; needs no database itself. */
export function UnavailableNotice() {
  return (
    <section className="error-page" aria-labelledby="unavailable-heading">
      <h1 id="unavailable-heading">Temporarily unavailable</h1>
      <p role="alert" className="notice notice-error">
        {UNAVAILABLE_MESSAGE}
      </p>
      <p>
        <a href="/" className="button button-primary">
          Back to the shop
        </a>
      </p>
    </section>
  );
}
