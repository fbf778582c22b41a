import type { NextConfig } from "next";
import { BASELINE_HEADERS, HSTS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // The migration SQL is read at start-up; make sure it travels with server bundles.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*"] },
  // Every path, static files included. The content security policy is per request: proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: [...BASELINE_HEADERS] },
      // Vercel and most proxies terminate TLS and say so; HSTS over plain http would be ignored anyway.
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [HSTS],
      },
    ];
  },
};

export default nextConfig;
