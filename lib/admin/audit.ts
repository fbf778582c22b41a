import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { auditLog } from "@/db/schema";
import { withDb } from "../database";

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
    createdAt: r.created_at instanceof Date ? r.created_at : new Date(r.created_at),
    label: r.label ?? `${r.entity} ${r.entity_id}`,
  }));
}
