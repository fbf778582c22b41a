// Screenshots of every page in e2e/pages.ts (shop and admin) at desktop (1280 wide) and phone
// (390 wide), into screenshots/<page>-<width>.png. Starts `next start` (building first if there is
// no build) on an embedded database of its own, with staff credentials and a local SMTP sink, seeds
// the same state as e2e/every-page.spec.ts (seedShop), then photographs each page as its visitor.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import { SMTPServer } from "smtp-server";
import { PAGES, seedShop } from "../e2e/pages.ts";

const root = path.resolve(import.meta.dirname, "..");
const out = path.join(root, "screenshots");
const widths = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];
// The throwaway server's staff login, the same as the e2e tests' (e2e/harness/app-server.ts).
const STAFF = { username: "staff", password: "staff-password-for-tests" };
const STAFF_HASH = "scrypt$32768$8$1$kxrP6EKWXHn4NRe6P-u9Nw$f2ELRhXeFI-egp0OI2TOmx0ZEyEtoGC8muIAJ1x3Lo4";

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.log("screenshots: no production build yet, running next build");
  const build = spawnSync(path.join(root, "node_modules", ".bin", "next"), ["build"], {
    cwd: root,
    stdio: "inherit",
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

// Mail is required in production; a sink that accepts and drops it keeps /admin/mail honest.
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, _session, callback) {
    stream.resume();
    stream.on("end", () => callback());
  },
});
const smtpPort = await freePort();
await new Promise((resolve) => sink.listen(smtpPort, "127.0.0.1", resolve));

const port = await freePort();
const base = `http://localhost:${port}`;
const dataDir = mkdtempSync(path.join(tmpdir(), "keepcart-shots-"));
const { DATABASE_URL: _unused, ...parentEnv } = process.env;
const server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(port)], {
  cwd: root,
  detached: true,
  stdio: ["ignore", "ignore", "inherit"],
  env: {
    ...parentEnv,
    NODE_ENV: "production",
    KEEPCART_EMBEDDED_DB: "allow",
    PGLITE_DIR: path.join(dataDir, "db"),
    SESSION_SECRET: "screenshots-secret-screenshots-secret-0001",
    ADMIN_USERS: `${STAFF.username}:${STAFF_HASH}`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "Keepcart <shop@keepcart.test>",
    PUBLIC_BASE_URL: base,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  },
});

let failed = false;
try {
  await waitForHealth();
  mkdirSync(out, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium-headless-shell",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const headers = { origin: base };
  const contexts = {
    anonymous: await browser.newContext({ baseURL: base }),
    guest: await browser.newContext({ baseURL: base, extraHTTPHeaders: headers }),
    shopper: await browser.newContext({ baseURL: base, extraHTTPHeaders: headers }),
    staff: await browser.newContext({ baseURL: base, extraHTTPHeaders: headers, httpCredentials: STAFF }),
  };
  const seed = await seedShop(contexts.shopper.request, contexts.staff.request, contexts.guest.request);
  for (const entry of PAGES) {
    const url = typeof entry.path === "string" ? entry.path : entry.path(seed);
    const page = await contexts[entry.as].newPage();
    for (const viewport of widths) {
      try {
        await page.setViewportSize(viewport);
        await page.goto(url);
        await entry.after?.(page);
        // Scroll through once so lazy images below the fold are loaded for the full-page shot.
        await page.evaluate(async () => {
          for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 50));
          }
          window.scrollTo(0, 0);
        });
        await page.waitForLoadState("networkidle");
        const file = path.join(out, `${entry.name}-${viewport.width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`screenshots: ${path.relative(root, file)} (${entry.as} at ${url})`);
      } catch (error) {
        failed = true;
        console.error(`screenshots: ${entry.name} at ${viewport.width} px failed: ${error.message}`);
      }
    }
    await page.close();
  }
  await browser.close();
} finally {
  if (server.exitCode === null) process.kill(-server.pid, "SIGTERM");
  sink.close();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);

async function waitForHealth() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("the server did not become healthy within 120 s");
}

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: free } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return free;
}
