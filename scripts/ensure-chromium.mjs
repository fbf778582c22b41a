// Playwright cannot download its own browser here; e2e tests use Debian's chromium-headless-shell
// (Chromium's engine without its desktop shell: a third of the CPU to start; docs/decisions/038).
// Install it if missing.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell";
if (existsSync(path)) process.exit(0);
if (process.getuid?.() !== 0) {
  console.error(
    `Chromium not found at ${path}. Install it (sudo apt-get install chromium-headless-shell) or set CHROMIUM_PATH.`,
  );
  process.exit(1);
}
console.log("Installing Debian's chromium-headless-shell for the browser tests…");
execSync(
  "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell",
  {
    stdio: "inherit",
  },
);
