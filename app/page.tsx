import Image from "next/image";
import Link from "next/link";
import { listCategories, listProducts } from "@/lib/catalog";
import { formatPrice } from "@/lib/money";
import { CONTROL_CHARACTERS } from "@/lib/validation";

type Props = { searchParams: Promise<{ category?: string | string[]; q?: string | string[] }> };
// A search box answers a page, not a 400: control characters (PostgreSQL refuses NUL) become spaces.
const one = (v: string | string[] | undefined) =>
  typeof v === "string" ? v.slice(0, 100).replace(CONTROL_CHARACTERS, " ") : undefined;

export default async function HomePage({ searchParams }: Props) {
  const params = await searchParams;
  const category = one(params.category) || undefined;
  const q = one(params.q)?.trim() || undefined;
  const [categories, products] = await Promise.all([listCategories(), listProducts({ category, q })]);
  const current = categories.find((c) => c.slug === category);
  const heading = current ? current.name : "All products";
  const link = (slug?: string) => {
    const search = new URLSearchParams();
    if (slug) search.set("category", slug);
    if (q) search.set("q", q);
    const s = search.toString();
    return s ? `/?${s}` : "/";
  };
  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading">{heading}</h1>
      <div className="catalog-tools">
        <nav aria-label="Categories">
          <ul className="category-filter">
            <li>
              <Link href={link()} aria-current={!current ? "page" : undefined}>
                All
              </Link>
            </li>
            {categories.map((c) => (
              <li key={c.slug}>
                <Link href={link(c.slug)} aria-current={current?.slug === c.slug ? "page" : undefined}>
                  {c.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <search className="search-form">
          <form action="/" className="search-form-inner">
            {current && <input type="hidden" name="category" value={current.slug} />}
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
      {q && (
        <p className="muted results-line" role="status">
          {products.length} {products.length === 1 ? "result" : "results"} for “{q}”
          {current ? ` in ${current.name}` : ""}. <Link href={link(current?.slug)}>Clear search</Link>
        </p>
      )}
      {products.length === 0 ? (
        <div className="empty-state">
          <p>No products match. Try another word or category.</p>
        </div>
      ) : (
        <ul className="product-grid">
          {products.map((p) => (
            <li key={p.id} className={p.stock === 0 ? "product-card is-out" : "product-card"}>
              <Link href={`/products/${p.slug}`}>
                <Image src={p.image} alt="" width={400} height={400} unoptimized />
                <span className="product-name">{p.name}</span>
              </Link>
              <span className="product-meta">
                <span className="product-price">{formatPrice(p.priceCents)}</span>
                {p.stock === 0 && <span className="badge-out">Out of stock</span>}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
