import Link from "next/link";

type Props = { page: number; pageCount: number; href: (page: number) => string };

/** Page numbers around the current one, the first and the last; gaps as an ellipsis. */
function pagesToShow(page: number, pageCount: number): (number | "gap")[] {
  const wanted = new Set([1, pageCount, page - 1, page, page + 1].filter((n) => n >= 1 && n <= pageCount));
  const sorted = [...wanted].sort((a, b) => a - b);
  return sorted.flatMap((n, i) => (i > 0 && n - sorted[i - 1]! > 1 ? ["gap" as const, n] : [n]));
}

/** Plain links (works without JavaScript); the current page is marked for screen readers. */
export function Pagination({ page, pageCount, href }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="pagination">
      <ul>
        <li>
          {page > 1 ? (
            <Link href={href(page - 1)} rel="prev">
              <span aria-hidden="true">← </span>Previous
            </Link>
          ) : (
            <span className="pagination-off">
              <span aria-hidden="true">← </span>Previous
            </span>
          )}
        </li>
        {pagesToShow(page, pageCount).map((n, i) =>
          n === "gap" ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: a gap has no identity of its own.
            <li key={`gap-${i}`} aria-hidden="true" className="pagination-gap">
              …
            </li>
          ) : (
            <li key={n}>
              <Link
                href={href(n)}
                aria-current={n === page ? "page" : undefined}
                aria-label={`Page ${n}`}
                className="pagination-number"
              >
                {n}
              </Link>
            </li>
          ),
        )}
        <li>
          {page < pageCount ? (
            <Link href={href(page + 1)} rel="next">
              Next<span aria-hidden="true"> →</span>
            </Link>
          ) : (
            <span className="pagination-off">
              Next<span aria-hidden="true"> →</span>
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
