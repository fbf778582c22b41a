import type { MetadataRoute } from "next";
import { listCategories, listProductSlugs } from "@/lib/catalog";
import { catalogHref } from "@/lib/catalog-query";
import { env } from "@/lib/env";

// Read from the database on each request: products come and go without a build.
export const dynamic = "force-dynamic";

/** The shop's public pages: the catalog, each category and each product on sale. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const origin = env().publicBaseUrl;
  const [categories, products] = await Promise.all([listCategories(), listProductSlugs()]);
  return [
    { url: `${origin}/`, changeFrequency: "daily", priority: 1 },
    ...categories.map((c) => ({ url: `${origin}${catalogHref({ category: c.slug })}`, priority: 0.8 })),
    ...products.map((p) => ({
      url: `${origin}/products/${p.slug}`,
      lastModified: p.updatedAt,
      priority: 0.6,
    })),
  ];
}
