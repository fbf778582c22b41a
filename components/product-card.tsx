import Link from "next/link";
import type { Product } from "@/lib/catalog";
import { formatPrice } from "@/lib/money";
import { ProductImage } from "./product-image";
import { LOW_STOCK } from "./stock-state";

/** One product in a grid (the catalog, "more from this category"). */
export function ProductCard({ product: p }: { product: Product }) {
  return (
    <li className={p.stock === 0 ? "product-card is-out" : "product-card"}>
      <Link href={`/products/${p.slug}`}>
        <ProductImage src={p.image} alt="" size={260} sizes="(max-width: 640px) 50vw, 260px" />
        <span className="product-name">{p.name}</span>
      </Link>
      <span className="product-meta">
        <span className="product-price">{formatPrice(p.priceCents)}</span>
        {p.stock === 0 ? (
          <span className="badge-out">Out of stock</span>
        ) : p.stock <= LOW_STOCK ? (
          <span className="badge-low">Only {p.stock} left</span>
        ) : null}
      </span>
    </li>
  );
}
