"use client";

/** An admin page that could not be shown: usually the database is unreachable for a moment. */
export default function AdminError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <div role="alert">
      <h1>This page could not be shown</h1>
      <p className="admin-lede">
        The figures could not be loaded just now (the database may be unreachable). Nothing was changed.
      </p>
      <button type="button" className="btn" onClick={reset}>
        Try again
      </button>
      {error.digest && <p className="muted">Reference: {error.digest}</p>}
    </div>
  );
}
