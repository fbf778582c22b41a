import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Pagination } from "@/components/pagination";
import { ProductCard } from "@/components/product-card";
import { listCategories, searchCatalog } from "@/lib/catalog";
import { catalogHref, readCatalogParams, SORT_LABELS, SORTS } from "@/lib/catalog-query";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The URL's state with an unknown category dropped (a stale link still shows products). */
async function catalogState(searchParams: Props["searchParams"]) {
  const query = readCatalogParams(await searchParams);
  const categories = await listCategories();
  const current = categories.find((c) => c.slug === query.category);
  return { query: { ...query, category: current?.slug }, categories, current };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { query, current } = await catalogState(searchParams);
  if (query.q) return { title: `Search: ${query.q}`, robots: { index: false } };
  if (current)
    return {
      title: current.name,
      description: `${current.name} at Keepcart: well-made things, delivered free.`,
      alternates: { canonical: catalogHref({ category: current.slug }) },
    };
  return { title: { absolute: "Keepcart · Well-made things for kitchen, desk and the outdoors" } };
}

export default async function CatalogPage({ searchParams }: Props) {
  const { query, categories, current } = await catalogState(searchParams);
  const result = await searchCatalog(query);
  // A page past the end (products sold out or archived since the link was made): the last page.
  if (result.total > 0 && result.page > result.pageCount) {
    redirect(catalogHref({ ...query, page: result.pageCount }));
  }
  const { q } = query;
  const first = (result.page - 1) * result.perPage + 1;
  const last = first + result.products.length - 1;
  const heading = q
    ? result.total === 0
      ? `No products match “${q}”`
      : `Results for “${q}” (${result.total})`
    : (current?.name ?? "All products");
  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading">{heading}</h1>
      <div className="catalog-tools">
        <nav aria-label="Categories">
          <ul className="category-filter">
            <li>
              <Link href={catalogHref({ q, sort: query.sort })} aria-current={!current ? "page" : undefined}>
                All
              </Link>
            </li>
            {categories.map((c) => (
              <li key={c.slug}>
                <Link
                  href={catalogHref({ category: c.slug, q, sort: query.sort })}
                  aria-current={current?.slug === c.slug ? "page" : undefined}
                >
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <search className="search-form">
          <form action="/" className="search-form-inner">
            {current && <input type="hidden" name="category" value={current.slug} />}
            {query.sort && <input type="hidden" name="sort" value={query.sort} />}
            <label htmlFor="search" className="visually-hidden">
              Search products
            </label>
            <input
              id="search"
              name="q"
              type="search"
              defaultValue={q}
              placeholder="Search products"
              className="input"
            />
            <button type="submit" className="button button-secondary">
              Search
            </button>
          </form>
        </search>
      </div>
      {result.total === 0 ? (
        <div className="empty-state">
          <p>
            {q
              ? `Nothing${current ? ` in ${current.name}` : ""} matches that search. Check the spelling or try a shorter word.`
              : "Nothing is on sale here right now."}
          </p>
          <p>
            {q && current && (
              <>
                <Link href={catalogHref({ q })}>Search all categories</Link> ·{" "}
              </>
            )}
            <Link href={catalogHref({ category: q ? current?.slug : undefined })}>
              {q ? `Clear the search${current ? ` and show ${current.name}` : ""}` : "See all products"}
            </Link>
          </p>
        </div>
      ) : (
        <>
          <div className="catalog-bar">
            <p className="muted results-line" role="status">
              {result.pageCount > 1
                ? `Showing ${first}–${last} of ${result.total} products`
                : `${result.total} ${result.total === 1 ? "product" : "products"}`}
              {q && (
                <>
                  {" "}
                  ·{" "}
                  <Link href={catalogHref({ category: current?.slug, sort: query.sort })}>Clear search</Link>
                </>
              )}
            </p>
            <form action="/" className="sort-form">
              {current && <input type="hidden" name="category" value={current.slug} />}
              {q && <input type="hidden" name="q" value={q} />}
              <label htmlFor="sort">Sort by</label>
              <select id="sort" name="sort" defaultValue={result.sort} className="input sort-select">
                {SORTS.map((s) => (
                  <option key={s} value={s}>
                    {SORT_LABELS[s]}
                  </option>
                ))}
              </select>
              <button type="submit" className="button button-secondary">
                Sort
              </button>
            </form>
          </div>
          <ul className="product-grid">
            {result.products.map((p) => (
              <ProductCard key={p.id} product={p} />
            ))}
          </ul>
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            href={(page) => catalogHref({ ...query, page })}
          />
        </>
      )}
    </section>
  );
}
