import type { Metadata } from "next";
import { listAudit } from "@/lib/admin/audit";
import { requireAdmin } from "@/lib/admin/require";
import { formatPrice } from "@/lib/money";
import { type Column, DataTable } from "../_components/data-table";
import { formatWhen } from "../_components/format";

export const metadata: Metadata = { title: "Audit log" };

const LIMIT = 200;
const ACTIONS: Record<string, string> = {
  "order.advance": "Moved order",
  "order.cancel": "Cancelled order",
  "product.create": "Created product",
  "product.update": "Edited product",
  "product.archive": "Archived product",
  "product.restore": "Restored product",
  "category.create": "Created category",
  "sessions.prune": "Pruned sessions",
};
const FIELDS: Record<string, string> = {
  priceCents: "price",
  active: "on sale",
  sessionsDeleted: "deleted",
  durationMs: "took (ms)",
};

function show(field: string, value: unknown): string {
  if (field === "priceCents" && typeof value === "number") return formatPrice(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value === null || value === undefined) return "none";
  // A picture is recorded by its content hash: the first characters are enough to tell two apart.
  if (field === "image" && typeof value === "string") return `picture ${value.slice(0, 8)}`;
  return String(value);
}

/** before → after, field by field: only what the change touched is recorded. */
function Diff({
  before,
  after,
}: {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}) {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return (
    <ul className="diff">
      {fields.map((f) => (
        <li key={f}>
          <span className="field">{FIELDS[f] ?? f}</span>
          {before && f in before && <del>{show(f, before[f])}</del>}
          {after && f in after && <ins>{show(f, after[f])}</ins>}
        </li>
      ))}
    </ul>
  );
}

type Entry = Awaited<ReturnType<typeof listAudit>>[number];
const COLUMNS: Column<Entry>[] = [
  { header: "When", cell: (e) => <span className="muted">{formatWhen(e.createdAt)}</span> },
  { header: "Who", cell: (e) => e.actor },
  {
    header: "What",
    cell: (e) => (
      <>
        {ACTIONS[e.action] ?? e.action}
        <div className="muted">{e.label}</div>
      </>
    ),
  },
  { header: "Change", cell: (e) => <Diff before={e.before} after={e.after} /> },
];

export default async function AuditPage() {
  await requireAdmin();
  const entries = await listAudit({ limit: LIMIT });
  return (
    <>
      <h1>Audit log</h1>
      <p className="admin-lede">
        Every change made here: who, what, when, and the values before and after. Newest first.
      </p>
      <section className="panel" aria-label="Audit entries">
        {entries.length === 0 ? (
          <p className="empty">No changes yet.</p>
        ) : (
          <DataTable columns={COLUMNS} rows={entries} rowKey={(e) => e.id} />
        )}
        {entries.length === LIMIT && <p className="muted">Showing the newest {LIMIT}.</p>}
      </section>
    </>
  );
}
