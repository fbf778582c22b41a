import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";
import { asDate, withDb } from "../database";

export type AuditInput = {
  actor: string;
  action: string;
  entity: string;
  entityId: string | number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
};

/** Call inside the transaction that makes the change: the record and the change commit or roll back together. */
export async function recordAudit(tx: Queryable, entry: AuditInput): Promise<void> {
  await tx.insert(auditLog).values({ ...entry, entityId: String(entry.entityId) });
}

/** The fields whose value differs, in `after`'s order: an edit audits these only, and none means no edit. */
export function changedFields<K extends string>(before: Record<K, unknown>, after: Record<K, unknown>): K[] {
  return (Object.keys(after) as K[]).filter((k) => before[k] !== after[k]);
}

/** Records an edit: the `changed` fields' values before and after (see `changedFields`). */
export async function recordEdit<K extends string>(
  tx: Queryable,
  entry: Omit<AuditInput, "before" | "after">,
  change: { before: Record<K, unknown>; after: Record<K, unknown>; changed: K[] },
): Promise<void> {
  const pick = (values: Record<K, unknown>) => Object.fromEntries(change.changed.map((k) => [k, values[k]]));
  await recordAudit(tx, { ...entry, before: pick(change.before), after: pick(change.after) });
}

export type AuditEntry = {
  id: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
  /** A readable name for the entity: the product's name, "Order #12". */
  label: string;
};

/** Newest first. */
export async function listAudit({ limit = 200 }: { limit?: number } = {}): Promise<AuditEntry[]> {
  const result = await withDb((db) =>
    db.execute<{
      id: number;
      actor: string;
      action: string;
      entity: string;
      entity_id: string;
      before: AuditEntry["before"];
      after: AuditEntry["after"];
      created_at: Date | string;
      label: string | null;
    }>(sql`
      select a.id, a.actor, a.action, a.entity, a.entity_id, a.before, a.after, a.created_at,
        case a.entity
          when 'product' then (select p.name from products p where p.id::text = a.entity_id)
          when 'category' then (select c.name from categories c where c.id::text = a.entity_id)
          when 'order' then 'Order #' || a.entity_id
          when 'sessions' then 'Expired sessions'
        end as label
      from audit_log a order by a.created_at desc, a.id desc limit ${limit}`),
  );
  return result.rows.map((r) => ({
    id: r.id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    createdAt: asDate(r.created_at),
    label: r.label ?? `${r.entity} ${r.entity_id}`,
  }));
}
