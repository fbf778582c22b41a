import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // Next's request APIs, backed by a per-test request (test/request.ts). The database is never faked.
      "next/headers": path.resolve(__dirname, "test/next-headers.ts"),
      "next/navigation": path.resolve(__dirname, "test/next-navigation.ts"),
      "next/cache": path.resolve(__dirname, "test/next-cache.ts"),
      "server-only": path.resolve(__dirname, "test/empty.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "db/**/*.test.ts", "app/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
