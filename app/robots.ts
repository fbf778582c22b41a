import type { MetadataRoute } from "next";
import { env } from "@/lib/env";

export const dynamic = "force-dynamic";

/** Crawlers see the catalog; staff, account, cart and checkout pages are nobody's search result. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: "/",
      disallow: [
        "/admin",
        "/account",
        "/orders",
        "/notifications",
        "/cart",
        "/checkout",
        "/login",
        "/register",
        "/api/",
      ],
    },
    sitemap: `${env().publicBaseUrl}/sitemap.xml`,
  };
}
