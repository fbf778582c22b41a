/**
 * Where product pictures are served, and at which widths. No imports: next.config.ts reads the
 * widths (they become next/image's srcset steps) and the image loader runs in the browser.
 *
 * `/images/<hash>` is the normalised original; `/images/<hash>/<width>` a resized copy. The hash is
 * the SHA-256 of the stored bytes, so the bytes behind a URL never change (decision 030).
 */

/** Thumbnails (admin list, cart lines): next/image's `imageSizes`. */
export const THUMB_WIDTHS = [64, 128, 256, 384] as const;
/** Cards and the product page, 1x and 2x: next/image's `deviceSizes`. */
export const PAGE_WIDTHS = [640, 828, 1080, 1280] as const;
export const IMAGE_WIDTHS: readonly number[] = [...THUMB_WIDTHS, ...PAGE_WIDTHS];

/** 32 hex characters: the first 128 bits of the SHA-256. */
export const IMAGE_HASH = /^[0-9a-f]{32}$/;

export function imagePath(hash: string): string {
  return `/images/${hash}`;
}

/** The URL of the stored copy `width` pixels wide (next/image only asks for IMAGE_WIDTHS). */
export function imageVariantPath(src: string, width: number): string {
  return `${src}/${width}`;
}
