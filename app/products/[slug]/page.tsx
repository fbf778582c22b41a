import type { Metadata } from "next";
import Image from "next/image";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddToCartForm } from "@/components/add-to-cart-form";
import { StockState } from "@/components/stock-state";
import { getProductBySlug } from "@/lib/catalog";
import { formatPrice } from "@/lib/money";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const product = await getProductBySlug((await params).slug);
  return { title: product?.name ?? "Product not found" };
}

export default async function ProductPage({ params }: Props) {
  const product = await getProductBySlug((await params).slug);
  if (!product) notFound();
  return (
    <article className="product-detail">
      <Image
        src={product.image}
        alt={product.name}
        width={640}
        height={640}
        unoptimized
        priority
        className="product-detail-image"
      />
      <div className="product-detail-info">
        <nav aria-label="Breadcrumb" className="breadcrumb">
          <Link href="/">All products</Link> <span aria-hidden="true">/</span>{" "}
          <Link href={`/?category=${product.category.slug}`}>{product.category.name}</Link>
        </nav>
        <h1>{product.name}</h1>
        <p className="price-large">{formatPrice(product.priceCents)}</p>
        <StockState stock={product.stock} />
        <p className="description">{product.description}</p>
        <AddToCartForm productId={product.id} soldOut={product.stock < 1} />
      </div>
    </article>
  );
}
