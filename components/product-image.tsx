import Image from "next/image";

type Props = {
  src: string | null;
  alt: string;
  /** The displayed size in CSS pixels (square); next/image asks for 1x and 2x of it, or for `sizes`. */
  size: number;
  sizes?: string;
  className?: string;
  /** The page's main picture: fetched first, never lazily. */
  eager?: boolean;
};

/** A product's picture from /images (lib/images), or a plain tile when it has none yet. */
export function ProductImage({ src, alt, size, sizes, className, eager }: Props) {
  if (!src) {
    const tile = { className: `product-image-none ${className ?? ""}`, style: { maxWidth: size } };
    return alt ? <span role="img" aria-label={alt} {...tile} /> : <span aria-hidden="true" {...tile} />;
  }
  return (
    <Image
      src={src}
      alt={alt}
      width={size}
      height={size}
      sizes={sizes}
      className={className}
      loading={eager ? "eager" : undefined}
      fetchPriority={eager ? "high" : undefined}
    />
  );
}
