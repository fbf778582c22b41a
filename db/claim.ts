import { sql } from "drizzle-orm";
import type { Tx } from "./client";

export type DeploymentEnvironment = "preview" | "production";
export type Claim = { environment: DeploymentEnvironment; location: string };

export class DatabaseClaimedError extends Error {
  override name = "DatabaseClaimedError";
}

/**
 * Which database is this, in a way that survives copying: a Neon branch is a copy of production's
 * data (this table included) on another timeline, so Neon's timeline id tells them apart; elsewhere
 * the URL's host:port/database does (docs/decisions/040-deployment-claims.md).
 */
async function identity(tx: Tx, location: string): Promise<string> {
  const result = await tx.execute<{ timeline: string | null }>(
    sql`select current_setting('neon.timeline_id', true) as timeline`,
  );
  const timeline = result.rows[0]?.timeline;
  return timeline ? `neon timeline ${timeline}` : location;
}

/**
 * Called by the migrator inside its locked transaction, before any migration, for Vercel builds: a
 * preview build refuses a database that a production build has claimed, so unmerged migrations can
 * never reach production's schema. A production build claims its database (again) every time.
 */
export async function claimDatabase(tx: Tx, claim: Claim): Promise<void> {
  await tx.execute(sql`create table if not exists deployment_claims (
    environment text primary key check (environment in ('preview', 'production')),
    database_identity text not null,
    claimed_at timestamptz not null default now()
  )`);
  const self = await identity(tx, claim.location);
  const rows = await tx.execute<{ environment: string; database_identity: string }>(
    sql`select environment, database_identity from deployment_claims`,
  );
  const production = rows.rows.find((r) => r.environment === "production");
  if (claim.environment === "preview" && production?.database_identity === self) {
    throw new DatabaseClaimedError(
      `This database (${claim.location}) belongs to production: a production build migrated it. ` +
        "A preview build must not apply unmerged migrations to it. Give the Preview environment its own " +
        "database: with Neon, turn on a branch per preview deployment in the integration (and the " +
        "'resource must be active before deployment' option), or set DATABASE_URL and " +
        "DATABASE_URL_UNPOOLED for Preview to a database of its own (docs/deploy-vercel.md).",
    );
  }
  await tx.execute(sql`insert into deployment_claims (environment, database_identity) values (${claim.environment}, ${self})
    on conflict (environment) do update set database_identity = excluded.database_identity, claimed_at = now()`);
}
