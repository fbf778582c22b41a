import Image from "next/image";
import Link from "next/link";
import { listProducts } from "@/lib/catalog";
import { formatPrice } from "@/lib/money";

export default async function HomePage() {
  const products = await listProducts();
  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading">All products</h1>
      <ul className="product-grid">
        {products.map((p) => (
          <li key={p.id} className="product-card">
            <Link href={`/products/${p.slug}`}>
              <Image src={p.image} alt={p.name} width={400} height={400} unoptimized />
              <span className="product-name">{p.name}</span>
            </Link>
            <span className="product-price">{formatPrice(p.priceCents)}</span>
            {p.stock === 0 && <span className="badge-out">Out of stock</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}
