import type { NextConfig } from "next";
import { MAX_UPLOAD_BODY } from "./lib/http/upload-limit";
import { PAGE_WIDTHS, THUMB_WIDTHS } from "./lib/images/urls";
import { BASELINE_HEADERS, HSTS } from "./lib/security-headers";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree with tsc right after this build (generated route types
  // included), so its build skips Next's own pass over the same files. Every other build checks.
  typescript: { ignoreBuildErrors: process.env.KEEPCART_TEST_BUILD === "1" },
  // Product pictures come from our own route at the widths it stores (lib/images, decision 030).
  images: {
    loader: "custom",
    loaderFile: "./lib/images/loader.ts",
    imageSizes: [...THUMB_WIDTHS],
    deviceSizes: [...PAGE_WIDTHS],
  },
  experimental: {
    // CI builds in a fresh clone that is thrown away after: writing Turbopack's build cache there
    // only costs time (2.1 min of a 10 min build on the loaded 2-core machine). Local builds keep it.
    turbopackFileSystemCacheForBuild: !process.env.CI,
    // A product form carries one image of up to 5 MB; a larger file still reaches the action, which says so.
    serverActions: { bodySizeLimit: MAX_UPLOAD_BODY },
    // proxy.ts gets a copy of each request body, buffered up to this size (default 10 MB, twice over:
    // its copy and the app's). Ours are at most 64 KiB (actions) and 16 KiB (JSON), so a larger or
    // chunked body is refused from the first 64 KiB and never buffers more (lib/http/mutation-guard.ts).
    // Staff picture uploads (up to MAX_UPLOAD_BODY) do not pass the proxy: see its matcher.
    proxyClientMaxBodySize: "256kb",
  },
  // The migration SQL is read at start-up; make sure it travels with server bundles.
  // The seed's pictures too: a new database gets them at start-up.
  outputFileTracingIncludes: { "/**": ["./db/migrations/**/*", "./db/seed-images/**/*"] },
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
