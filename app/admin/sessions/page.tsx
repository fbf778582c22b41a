import type { Metadata } from "next";
import { requireAdmin } from "@/lib/admin/require";
import { getStoreReport } from "@/lib/admin/store-health";
import { formatCount, formatWhen } from "../_components/format";
import { Panel } from "../_components/panel";
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
        <Panel id="store" title="Store">
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
        </Panel>
        <Panel id="pool" title="Connection pool">
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
        </Panel>
        <Panel id="sessions" title="Sessions">
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
        </Panel>
        <Panel id="prune" title="Last prune">
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
        </Panel>
      </div>
      <Panel id="chart" title="New sessions per hour">
        <SessionsChart buckets={report.perHour} />
      </Panel>
    </>
  );
}
