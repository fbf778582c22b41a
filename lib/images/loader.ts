"use client";

import { imageVariantPath } from "./urls";

/**
 * next/image's loader (next.config.ts `images.loaderFile`): our own route serves every width that
 * next/image asks for, already resized and stored, so Next's optimiser is not involved.
 */
export default function productImageLoader({ src, width }: { src: string; width: number }): string {
  return imageVariantPath(src, width);
}
