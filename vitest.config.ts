import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "vitest/config";

const TEST_FOLDERS = ["bench", "lib", "db", "app", "test"];

/**
 * The test files carrying `// @module-tag <tag>` (Vitest's own docblock tag). `npm run test:pglite`
 * sets KEEPCART_TEST_ONLY_TAG=pglite: only files about the embedded mode and the queries' SQL also
 * run on PGlite; the whole suite runs on PostgreSQL (docs/decisions/038-test-suite-budget.md).
 */
function filesTagged(tag: string): string[] {
  const pattern = new RegExp(`(//|\\*)\\s*@module-tag\\s+${tag}\\b`);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" ? [] : walk(file);
      return entry.name.endsWith(".test.ts") && pattern.test(readFileSync(file, "utf8")) ? [file] : [];
    });
  return TEST_FOLDERS.flatMap((folder) => walk(path.join(__dirname, folder)))
    .map((file) => path.relative(__dirname, file))
    .sort();
}

const onlyTag = process.env.KEEPCART_TEST_ONLY_TAG;

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
    include: onlyTag ? filesTagged(onlyTag) : TEST_FOLDERS.map((folder) => `${folder}/**/*.test.ts`),
    tags: [
      { name: "pglite", description: "also runs on the embedded PGlite store (npm run test:pglite)" },
      {
        name: "own-database",
        description: "opens its own database connections: test/setup.ts does not start the file's database",
      },
    ],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    pool: "forks",
    // Vitest's default is one worker per core minus one: a single worker on this 2-core machine, and
    // most of a PostgreSQL test's time is spent waiting on the server. Files run on databases of their
    // own (test/setup.ts), so they may overlap; PGlite's engine is CPU work in the worker itself.
    maxWorkers: process.env.DATABASE_URL ? 4 : 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
