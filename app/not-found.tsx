import Link from "next/link";

export default function NotFound() {
  return (
    <section className="error-page" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>We couldn't find that page. It may have moved, or the product may no longer be sold.</p>
      <Link href="/" className="button button-primary">
        Back to the shop
      </Link>
    </section>
  );
}
