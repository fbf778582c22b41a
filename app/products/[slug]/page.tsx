import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { ProductCard } from "@/components/product-card";
import { ProductImage } from "@/components/product-image";
import { StockState } from "@/components/stock-state";
import { getProductBySlug, listRelated } from "@/lib/catalog";
import { catalogHref } from "@/lib/catalog-query";
import { newFormToken } from "@/lib/form-token";
import { imageVariantPath } from "@/lib/images/urls";
import { formatPrice } from "@/lib/money";
import { AddToCartForm } from "./_components/add-to-cart-form";

type Props = { params: Promise<{ slug: string }> };

// The metadata and the page ask for the same product: one query per request.
const productOf = cache(getProductBySlug);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await productOf((await params).slug);
  if (!product) return { title: "Product not found" };
  const description = `${product.description} ${formatPrice(product.priceCents)}, free delivery.`;
  return {
    title: product.name,
    description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: {
      title: product.name,
      description,
      url: `/products/${product.slug}`,
      images: product.image
        ? [{ url: imageVariantPath(product.image, 1080), width: 1080, height: 1080, alt: product.name }]
        : [],
    },
  };
}

export default async function ProductPage({ params }: Props) {
  const product = await productOf((await params).slug);
  if (!product) notFound();
  const related = await listRelated(product);
  return (
    <>
      <article className="product-detail">
        <ProductImage
          src={product.image}
          alt={product.name}
          size={560}
          sizes="(max-width: 760px) 100vw, 560px"
          className="product-detail-image"
          eager
        />
        <div className="product-detail-info">
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <ol>
              <li>
                <Link href="/">All products</Link>
              </li>
              <li>
                <Link href={catalogHref({ category: product.category.slug })}>{product.category.name}</Link>
              </li>
              <li>
                <span aria-current="page">{product.name}</span>
              </li>
            </ol>
          </nav>
          <h1>{product.name}</h1>
          <p className="price-large">{formatPrice(product.priceCents)}</p>
          <StockState stock={product.stock} />
          <p className="description">{product.description}</p>
          <AddToCartForm productId={product.id} soldOut={product.stock < 1} formToken={newFormToken()} />
        </div>
      </article>
      {related.length > 0 && (
        <section aria-labelledby="related-heading" className="related">
          <h2 id="related-heading">More from {product.category.name}</h2>
          <ul className="product-grid">
            {related.map((p) => (
              <ProductCard key={p.id} product={p} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
