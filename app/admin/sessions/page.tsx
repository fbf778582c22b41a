import type { Metadata } from "next";
import { requireAdmin } from "@/lib/admin/require";
import { getStoreReport } from "@/lib/admin/store-health";
import { formatCount, formatWhen } from "../_components/format";
import { PruneButton } from "./prune-button";
import { SessionsChart } from "./sessions-chart";

export const metadata: Metadata = { title: "Session store" };

/** A host/database path that may wrap only after its slashes, not mid-name. */
function BreakAfterSlashes({ text }: { text: string }) {
  return text.split("/").map((part, i, all) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string
    <span key={i}>
      {part}
      {i < all.length - 1 && (
        <>
          /<wbr />
        </>
      )}
    </span>
  ));
}

export default async function SessionStorePage() {
  await requireAdmin();
  const report = await getStoreReport();
  const { store, sessions, lastPrune } = report;
  return (
    <>
      <h1>Session store</h1>
      <p className="admin-lede">
        Where carts and logins live, and how it is doing. The same figures: /api/admin/health.
      </p>
      <div className="admin-grid admin-grid-2">
        <section className="panel" aria-labelledby="store-heading">
          <h2 id="store-heading">Store</h2>
          <dl className="kv">
            <dt>In use</dt>
            <dd>
              {store?.kind === "postgres"
                ? `PostgreSQL ${store.serverVersion?.split(" ")[0] ?? ""}`
                : "PGlite (embedded)"}
            </dd>
            <dt>Where</dt>
            <dd>
              {store ? <BreakAfterSlashes text={store.description.replace(/^PostgreSQL at /, "")} /> : "—"}
            </dd>
            <dt>Round trip</dt>
            <dd>{report.roundTripMs} ms</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="pool-heading">
          <h2 id="pool-heading">Connection pool</h2>
          {store?.pool ? (
            <dl className="kv">
              <dt>Total</dt>
              <dd>
                {store.pool.total} of {store.pool.max}
              </dd>
              <dt>Idle</dt>
              <dd>{store.pool.idle}</dd>
              <dt>Waiting</dt>
              <dd>{store.pool.waiting}</dd>
            </dl>
          ) : (
            <p className="empty">The embedded store has one connection and no pool.</p>
          )}
        </section>
        <section className="panel" aria-labelledby="sessions-heading">
          <h2 id="sessions-heading">Sessions</h2>
          <dl className="kv">
            <dt>Active</dt>
            <dd>{formatCount(sessions.active)}</dd>
            <dt>Logged in</dt>
            <dd>{formatCount(sessions.loggedIn)}</dd>
            <dt>Anonymous</dt>
            <dd>{formatCount(sessions.anonymous)}</dd>
            <dt>Expired, awaiting prune</dt>
            <dd>{formatCount(sessions.expired)}</dd>
          </dl>
        </section>
        <section className="panel" aria-labelledby="prune-heading">
          <h2 id="prune-heading">Last prune</h2>
          {lastPrune?.finishedAt ? (
            <dl className="kv">
              <dt>When</dt>
              <dd>{formatWhen(lastPrune.finishedAt)}</dd>
              <dt>Deleted</dt>
              <dd>{formatCount(lastPrune.rows ?? 0)} sessions</dd>
              <dt>Took</dt>
              <dd>{lastPrune.durationMs ?? 0} ms</dd>
            </dl>
          ) : (
            <p className="empty">No prune has run yet.</p>
          )}
          <div style={{ marginTop: "0.9rem" }}>
            <PruneButton />
          </div>
        </section>
      </div>
      <section className="panel" aria-labelledby="chart-heading">
        <h2 id="chart-heading">New sessions per hour</h2>
        <SessionsChart buckets={report.perHour} />
      </section>
    </>
  );
}
