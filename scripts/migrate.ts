// Applies the committed migrations before a deployment serves: `npm run vercel-build` runs this, then
// `next build`. On Vercel it first validates the whole environment (lib/env.ts), so a deployment that
// could not start fails its build and the previous one keeps serving. Uses DATABASE_URL_UNPOOLED when
// given (a direct connection: DDL and the advisory lock do not belong on a transaction-mode pooler),
// else DATABASE_URL. Runs with plain Node 24, which strips the types: only extension-complete relative
// imports, no path aliases.
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { DatabaseClaimedError, type DeploymentEnvironment } from "../db/claim.ts";
import { migrate } from "../db/migrate.ts";
import { safeLocation, withExplicitSslMode } from "../db/url.ts";
import { parseAdminEntries } from "../lib/admin/admin-users.ts";
import { parseEnv } from "../lib/env.ts";
import { retryWithBackoff } from "../lib/retry.ts";

const env = process.env;
const deployment: DeploymentEnvironment | undefined =
  env.VERCEL_ENV === "preview" || env.VERCEL_ENV === "production" ? env.VERCEL_ENV : undefined;
function refuseDeployment(reason: string): never {
  console.error(`\nKeepcart cannot be deployed: this deployment could not start.\n${reason}\n`);
  process.exit(1);
}
if (deployment) {
  try {
    parseEnv(env);
  } catch (error) {
    refuseDeployment((error as Error).message);
  }
  // Staff who could never sign in (only plain passwords, refused here) fail the build, not /admin.
  const admins = parseAdminEntries(env.ADMIN_USERS, true);
  if (admins.entries.length === 0) {
    refuseDeployment(
      `ADMIN_USERS has no usable staff account in ${deployment}: ${admins.problems.join("; ")}.\n` +
        "Make a hash with `npm run admin:hash` and set ADMIN_USERS='name:<hash>' (docs/deploy-vercel.md, step 4).",
    );
  }
}
const url = env.DATABASE_URL_UNPOOLED || env.DATABASE_URL;
if (!url) {
  console.log("migrate: no DATABASE_URL; the embedded database migrates itself at start-up. Nothing to do.");
  process.exit(0);
}

const source = env.DATABASE_URL_UNPOOLED ? "DATABASE_URL_UNPOOLED" : "DATABASE_URL";
const host = new URL(url).host;
const started = performance.now();
try {
  // A serverless database may be waking up: give it the same patience the app gives it at start-up.
  const client = await retryWithBackoff(
    async () => {
      const c = new pg.Client({
        connectionString: withExplicitSslMode(url),
        connectionTimeoutMillis: 10_000,
        application_name: "keepcart-migrate",
      });
      try {
        await c.connect();
        return c;
      } catch (error) {
        await c.end().catch(() => {});
        throw error;
      }
    },
    {
      maxWaitMs: Number(env.DB_STARTUP_MAX_WAIT_MS) || 30_000,
      onRetry: ({ attempt, delayMs, error }) =>
        console.warn(
          `migrate: ${host} not reachable (attempt ${attempt}: ${String(error)}); retrying in ${delayMs} ms`,
        ),
    },
  );
  let applied: number;
  try {
    const db = drizzle({ client }) as unknown as Parameters<typeof migrate>[0];
    // A Vercel build claims its database; a preview build refuses production's (db/claim.ts).
    applied = await migrate(
      db,
      deployment ? { claim: { environment: deployment, location: safeLocation(url) } } : {},
    );
  } finally {
    await client.end();
  }
  const ms = Math.round(performance.now() - started);
  console.log(`migrate: ${applied} migration(s) applied to ${host} via ${source} in ${ms} ms`);
} catch (error) {
  if (error instanceof DatabaseClaimedError) refuseDeployment(error.message);
  // Never print the URL: it carries the password.
  console.error(`\nmigrate: migrations failed on ${host} (${source}): ${String(error)}\n`);
  process.exit(1);
}
