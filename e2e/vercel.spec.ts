import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { adminQuery, uniqueName, withDatabase } from "../test/databases";
import { TcpFaultProxy } from "../test/tcp-proxy";
import { expect, test } from "./fixtures";
import { AppServer, TEST_ADMIN_HASH, TEST_SESSION_SECRET } from "./harness/app-server";
import { sql } from "./harness/database";
import { seedSession } from "./harness/session";

// A Vercel deployment, simulated: the production build under the environment Vercel gives it.
const ROOT = path.resolve(__dirname, "..");
const CRON_SECRET = "e2e-cron-secret-0123456789";
const PREVIEW = { VERCEL: "1", VERCEL_ENV: "preview", CRON_SECRET };
const HTTPS = { "x-forwarded-proto": "https" };

async function sessionIds(url: string, ids: string[]): Promise<string[]> {
  const rows = await sql<{ id: string }>(url, "select id from sessions where id = any($1)", [ids]);
  return rows.map((r) => r.id).sort();
}

function cronFields(expression: string): string[] | null {
  const ranges = [
    [0, 59],
    [0, 23],
    [1, 31],
    [1, 12],
    [0, 6],
  ] as const;
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const ok = fields.every((field, i) =>
    field.split(",").every((item) => {
      const m = /^(?:\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
      if (!m) return false;
      const [lo, hi] = ranges[i]!;
      const bounds = [m[1], m[2]].filter((v) => v !== undefined).map(Number);
      if (m[3] !== undefined && Number(m[3]) < 1) return false;
      return bounds.every((n) => n >= lo && n <= hi) && (bounds.length < 2 || bounds[0]! <= bounds[1]!);
    }),
  );
  return ok ? fields : null;
}

// These tests are about migrating a database that has nothing in it yet.
test.use({ emptyDatabase: true });

test("vercel.json parses, names the build script, and its crons are valid and point at real routes", () => {
  const config = JSON.parse(readFileSync(path.join(ROOT, "vercel.json"), "utf8"));
  const scripts = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts;
  expect(config.buildCommand).toBe("npm run vercel-build");
  expect(scripts["vercel-build"]).toMatch(/^npm run db:migrate && next build$/);
  expect(scripts["db:migrate"]).toContain("scripts/migrate.ts");

  // The checker itself must refuse what Vercel refuses.
  for (const bad of ["61 * * * *", "* * *", "0 24 * * *", "*/0 * * * *", "0 0 * * MON", "5-1 * * * *"]) {
    expect(cronFields(bad), bad).toBeNull();
  }
  expect(config.crons.length).toBeGreaterThan(0);
  for (const cron of config.crons as { path: string; schedule: string }[]) {
    const fields = cronFields(cron.schedule);
    expect(fields, cron.schedule).not.toBeNull();
    // Vercel: day-of-month and day-of-week are not both set; Hobby plans allow at most one run a day.
    expect(fields![2] === "*" || fields![4] === "*").toBe(true);
    expect(fields![0]).toMatch(/^\d+$/);
    expect(fields![1]).toMatch(/^\d+$/);
    const route = path.join(ROOT, "app", cron.path, "route.ts");
    expect(existsSync(route), `${cron.path} has no route file`).toBe(true);
    expect(readFileSync(route, "utf8")).toMatch(/export (async function GET\b|const GET = )/);
  }
});

/** `npm run db:migrate`, the first half of `npm run vercel-build`, under the given environment. */
function migrateWith(env: Record<string, string | undefined>) {
  const clean = { ...process.env };
  for (const key of [
    "DATABASE_URL",
    "DATABASE_URL_UNPOOLED",
    "VERCEL",
    "VERCEL_ENV",
    "SESSION_SECRET",
    "ADMIN_USERS",
    "SMTP_URL",
    "MAIL_FROM",
    "PUBLIC_BASE_URL",
  ])
    delete clean[key];
  const run = spawnSync("npm", ["run", "--silent", "db:migrate"], {
    cwd: ROOT,
    env: { ...clean, DB_STARTUP_MAX_WAIT_MS: "1000", ...env },
    encoding: "utf8",
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const deployable = {
  VERCEL_ENV: "preview",
  VERCEL_URL: "keepcart-git-preview.vercel.app",
  SESSION_SECRET: TEST_SESSION_SECRET,
  ADMIN_USERS: `staff:${TEST_ADMIN_HASH}`,
  SMTP_URL: "smtp://127.0.0.1:2525",
  MAIL_FROM: "Keepcart <shop@keepcart.test>",
};

test("the build's migration step checks the environment, uses the direct URL and is idempotent", async ({
  database,
}) => {
  const direct = database.url!;
  const unreachable = new URL(direct);
  unreachable.port = "1"; // as if the pooled URL were wrong: the direct one must be the one used
  const first = migrateWith({
    ...deployable,
    DATABASE_URL: unreachable.toString(),
    DATABASE_URL_UNPOOLED: direct,
  });
  expect(first.output).toMatch(/migrate: [1-9]\d* migration\(s\) applied to .* via DATABASE_URL_UNPOOLED/);
  expect(first.status).toBe(0);
  const tables = await sql<{ n: number }>(
    direct,
    "select count(*)::int as n from pg_tables where tablename = 'sessions'",
  );
  expect(tables[0]!.n).toBe(1);

  const again = migrateWith({ DATABASE_URL: direct });
  expect(again.status).toBe(0);
  expect(again.output).toMatch(/migrate: 0 migration\(s\) applied .* via DATABASE_URL in/);

  // A deployment that could not start fails its build, before anything is migrated.
  const noDatabase = migrateWith({ ...deployable, DATABASE_URL: undefined });
  expect(noDatabase.status).toBe(1);
  expect(noDatabase.output).toContain("Keepcart cannot be deployed");
  expect(noDatabase.output).toContain("DATABASE_URL: the embedded database is refused on Vercel");
  const noSecret = migrateWith({ ...deployable, SESSION_SECRET: undefined, DATABASE_URL: direct });
  expect(noSecret.status).toBe(1);
  expect(noSecret.output).toMatch(/SESSION_SECRET: set it to a random string/);
  expect(noSecret.output).not.toContain("ADMIN_USERS");

  // A database that cannot be reached fails the build, naming the host but never the password.
  unreachable.password = "hunter2-password";
  const down = migrateWith({ DATABASE_URL: unreachable.toString() });
  expect(down.status).toBe(1);
  expect(down.output).toContain(`migrations failed on ${unreachable.host}`);
  expect(down.output).not.toContain("hunter2");

  const local = migrateWith({});
  expect(local.status).toBe(0);
  expect(local.output).toContain("Nothing to do");
});

test("a deployment whose staff have only plain passwords fails its build, naming the fix", async ({
  database,
}) => {
  const plain = migrateWith({
    ...deployable,
    ADMIN_USERS: "staff:correct-horse",
    DATABASE_URL: database.url,
  });
  expect(plain.status).toBe(1);
  expect(plain.output).toContain("Keepcart cannot be deployed");
  expect(plain.output).toContain("ADMIN_USERS has no usable staff account in preview");
  expect(plain.output).toContain("npm run admin:hash");
  expect(plain.output).not.toContain("correct-horse");
  const migrated = await sql(database.url!, "select 1 from pg_tables where tablename = 'sessions'");
  expect(migrated).toHaveLength(0); // refused before anything was migrated

  const mixed = migrateWith({
    ...deployable,
    ADMIN_USERS: `bob:plain-password,${deployable.ADMIN_USERS}`,
    DATABASE_URL: database.url,
  });
  expect(mixed.status).toBe(0);
});

test("a preview build refuses the database a production build claimed; a copy of it (a branch) is fine", async ({
  database,
}) => {
  const production = migrateWith({ ...deployable, VERCEL_ENV: "production", DATABASE_URL: database.url });
  expect(production.status).toBe(0);
  // The Preview environment wrongly holds production's URL: its build must not migrate it.
  const migrationsBefore = await sql(database.url!, "select * from drizzle.__drizzle_migrations");
  const preview = migrateWith({ ...deployable, DATABASE_URL: database.url });
  expect(preview.status).toBe(1);
  expect(preview.output).toContain("belongs to production");
  expect(preview.output).toContain("Give the Preview environment its own database");
  expect(await sql(database.url!, "select * from drizzle.__drizzle_migrations")).toEqual(migrationsBefore);

  // A preview branch is a copy of production's data (its claims included) at another address.
  const base = process.env.DATABASE_URL!;
  const branch = uniqueName("branch");
  const productionName = new URL(database.url!).pathname.slice(1);
  await adminQuery(base, `create database ${branch} template ${productionName}`);
  try {
    const onBranch = migrateWith({ ...deployable, DATABASE_URL: withDatabase(base, branch) });
    expect(onBranch.status).toBe(0);
    const claims = await sql<{ environment: string }>(
      withDatabase(base, branch),
      "select environment from deployment_claims order by environment",
    );
    expect(claims.map((c) => c.environment)).toEqual(["preview", "production"]);
    // Production keeps deploying to its own database.
    expect(migrateWith({ ...deployable, VERCEL_ENV: "production", DATABASE_URL: database.url }).status).toBe(
      0,
    );
  } finally {
    await adminQuery(base, `drop database if exists ${branch} with (force)`);
  }
});

test.describe("start-up refuses a deployment that is not configured", () => {
  for (const { name, env, expected } of [
    {
      name: "a preview without DATABASE_URL (the embedded database is refused)",
      env: { VERCEL: "1", VERCEL_ENV: "preview" },
      expected: [
        "Keepcart cannot start in preview",
        "DATABASE_URL: the embedded database is refused on Vercel",
        'for the "Preview" environment',
      ],
    },
    {
      name: "`next start` (NODE_ENV=production) without DATABASE_URL",
      env: { KEEPCART_EMBEDDED_DB: "" },
      expected: ["Keepcart cannot start in production", "DATABASE_URL: set it to your PostgreSQL URL"],
    },
    {
      name: "production with a SESSION_SECRET under 32 characters",
      env: { SESSION_SECRET: "only-twenty-characters" },
      expected: ["SESSION_SECRET: secret 1 must be at least 32 characters"],
    },
  ]) {
    test(name, async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "keepcart-e2e-"));
      const server = new AppServer({ pgliteDir: path.join(dir, "db"), env });
      try {
        await expect(server.start()).rejects.toThrow(/server exited with [1-9]/);
        for (const text of expected) expect(server.logs.join("")).toContain(text);
      } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

test("a preview with everything set serves, and the cron route prunes only for the right bearer", async ({
  startApp,
  database,
}) => {
  const app = await startApp({ env: PREVIEW });
  const home = await fetch(app.url, { headers: HTTPS });
  expect(home.status).toBe(200);
  expect(await home.text()).toContain("All products");

  const url = database.url!;
  const expired = [
    await seedSession(url, { idleExpiresInMs: -60_000 }),
    await seedSession(url, { idleExpiresInMs: -1 }),
  ];
  const live = await seedSession(url, { items: 1 });
  const all = [...expired, live].map((s) => s.id);
  const cron = `${app.url}/api/cron/prune-sessions`;

  for (const authorization of [
    undefined,
    "Bearer wrong-secret-wrong-secret",
    CRON_SECRET,
    `Basic ${CRON_SECRET}`,
  ]) {
    const refused = await fetch(cron, { headers: authorization ? { authorization } : {} });
    expect(refused.status, String(authorization)).toBe(401);
    expect((await refused.json()).error.code).toBe("UNAUTHENTICATED");
  }
  expect(await sessionIds(url, all)).toEqual([...all].sort());

  const pruned = await fetch(cron, { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  expect(pruned.status).toBe(200);
  expect(await pruned.json()).toMatchObject({ ran: true });
  expect(await sessionIds(url, all)).toEqual([live.id]);

  // The long-running-server parts stay off on Vercel: no SIGTERM drain hook (nor timers) installed.
  await app.stop();
  expect(app.logs.join("")).not.toContain("shutting down: draining requests");
});

test("without CRON_SECRET in production the cron route fails closed", async ({ app }) => {
  const response = await fetch(`${app.url}/api/cron/prune-sessions`, {
    headers: { authorization: "Bearer anything-at-all-anything" },
  });
  expect(response.status).toBe(503);
  expect((await response.json()).error.message).toContain("CRON_SECRET");
});

test("the session cookie is __Host- and Secure over HTTPS, and plain over http on localhost", async ({
  app,
  database,
  page,
}) => {
  const { seal } = await seedSession(database.url!, { items: 2 });
  const cartOf = async (headers: Record<string, string>) =>
    /aria-label="Cart, (\d+) items?"/.exec(await (await fetch(app.url, { headers })).text())?.[1];

  expect(await cartOf({ ...HTTPS, cookie: `__Host-kc_session=${seal}` })).toBe("2");
  expect(await cartOf({ cookie: `kc_session=${seal}` })).toBe("2");
  // Over HTTPS only the __Host- cookie counts: a browser guarantees it was set Secure, host-only, Path=/.
  expect(await cartOf({ ...HTTPS, cookie: `kc_session=${seal}` })).toBe("0");

  // A dead cookie is cleared with the flags it was set with: no Domain (each preview host is its own site).
  const https = await fetch(app.url, { headers: { ...HTTPS, cookie: "__Host-kc_session=garbage" } });
  const cleared = https.headers.get("set-cookie") ?? "";
  expect(cleared).toMatch(/^__Host-kc_session=;/);
  for (const flag of [/; Secure/i, /; HttpOnly/i, /; Path=\//, /; SameSite=lax/i])
    expect(cleared).toMatch(flag);
  expect(cleared).not.toMatch(/Domain=/i);
  const http = await fetch(app.url, { headers: { cookie: "kc_session=garbage" } });
  expect(http.headers.get("set-cookie")).toMatch(/^kc_session=;/);
  expect(http.headers.get("set-cookie")).not.toMatch(/Secure/i);

  // And a real browser on http://localhost keeps and sends the plain cookie.
  await page.context().addCookies([{ name: "kc_session", value: seal, url: app.url, httpOnly: true }]);
  await page.goto(app.url);
  await expect(page.getByRole("link", { name: "Cart, 2 items" })).toBeVisible();
});

test("the page's content security policy lets the app's own scripts run and nothing is reported", async ({
  app,
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(app.url);
  await expect(page.getByRole("heading", { name: "All products" })).toBeVisible();
  // Next's bootstrap script defines window.next: it ran, so the nonce reached every script tag.
  await expect
    .poll(() => page.evaluate(() => typeof (window as { next?: { version?: string } }).next?.version))
    .toBe("string");
  expect(violations).toEqual([]);
});

test("security headers are on pages, API answers, static files and the 503 page", async ({
  startApp,
  database,
}) => {
  const target = new URL(database.url!);
  const tcp = new TcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const viaProxy = new URL(database.url!);
  viaProxy.port = String(await tcp.start());
  try {
    const app = await startApp({ databaseUrl: viaProxy.toString() });
    const baseline = (h: Headers, https: boolean) => {
      expect(h.get("x-content-type-options")).toBe("nosniff");
      expect(h.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      expect(h.get("x-frame-options")).toBe("DENY");
      expect(h.get("strict-transport-security")).toBe(https ? "max-age=63072000" : null);
    };

    const page = await fetch(app.url, { headers: HTTPS });
    baseline(page.headers, true);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await page.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await fetch(app.url);
    baseline(again.headers, false);
    expect(again.headers.get("content-security-policy")).not.toContain(nonce);

    const api = await fetch(`${app.url}/api/health`, { headers: HTTPS });
    expect(api.status).toBe(200);
    baseline(api.headers, true);
    expect(api.headers.get("content-security-policy")).toMatch(
      /^default-src 'none';.*frame-ancestors 'none'/,
    );

    const file = await fetch(`${app.url}/icon.svg`);
    expect(file.status).toBe(200);
    baseline(file.headers, false);

    tcp.down();
    const health = await fetch(`${app.url}/api/health`, { headers: HTTPS });
    expect(health.status).toBe(503);
    baseline(health.headers, true);
    const unavailable = await fetch(app.url, { headers: HTTPS });
    expect(unavailable.status).toBe(503);
    expect(await unavailable.text()).toContain("Temporarily unavailable");
    baseline(unavailable.headers, true);
    expect(unavailable.headers.get("content-security-policy")).toMatch(
      /^default-src 'none'; style-src 'unsafe-inline';.*frame-ancestors 'none'/,
    );
  } finally {
    tcp.up();
    await tcp.close();
  }
});
