import { defineConfig } from "@playwright/test";
import type { StoreKind } from "./e2e/fixtures";

// The app servers are started by the tests themselves (e2e/harness): each test gets its own
// database and can restart, crash or duplicate its server. Chromium is Debian's headless shell.
export default defineConfig<{ storeKind: StoreKind }>({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  // Generous: beside a second copy of the suite (load average 18 on 2 cores) tests that take 20-30 s
  // alone took up to 96 s, and one at 90 s timed out. A hang still fails, 2.5 minutes in.
  timeout: 150_000,
  expect: { timeout: 10_000 },
  retries: 0,
  // Three: a test spends about half its time waiting (server starts, restarts, outages), so two workers
  // kept the 2 cores 55% busy (404 s wall, 445 s CPU, 2026-11-28); see docs/decisions/038.
  workers: 3,
  fullyParallel: true,
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    ["json", { outputFile: ".test-reports/playwright.json" }],
  ],
  outputDir: "test-results",
  // One project: the single-instance restart scenarios also run on the embedded PGlite default
  // (`restartTest` in e2e/fixtures.ts). As a second project they ran last, on three new workers, a
  // minute alone at the end of the run; listed first, they held all three workers at its start.
  use: {
    // A failed test keeps its trace (actions, DOM snapshots, network, console) but no screencast:
    // recording frames for every test cost about a fifth of the browser stage's CPU (shop + admin
    // specs: 181 CPU s with it, 132-150 without, 139 with no trace at all; decision 038).
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
});
