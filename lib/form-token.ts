import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";

/**
 * Single-use form tokens (docs/decisions/041): a page renders a random token into a form that
 * must act once; the change it makes claims (session, token) in its own transaction. Without
 * JavaScript a double click posts the same page twice: the second claim finds the row, and the
 * caller answers as if it had acted, changing nothing. With JavaScript each submit carries a fresh
 * token (components/action-form.tsx) and the double click is stopped in the browser.
 */
export const FORM_TOKEN_FIELD = "formToken";
const FORM_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
/** A used token is kept long enough to outlive any resubmission of the page that carried it. */
export const FORM_TOKEN_TTL_MS = 24 * 60 * 60_000;

export function newFormToken(): string {
  return randomBytes(16).toString("base64url");
}

/** The posted token if it looks like one; anything else (or none) means the form is not deduplicated. */
export function formTokenFrom(value: unknown): string | null {
  return typeof value === "string" && FORM_TOKEN.test(value) ? value : null;
}

/**
 * True the first time this session posts `token`, false for every repeat. Call inside the
 * transaction of the change: if the change rolls back, so does the claim, and the form can be sent
 * again.
 */
export async function claimFormToken(tx: Queryable, sessionId: string, token: string): Promise<boolean> {
  const claimed = await tx.execute(sql`
    insert into used_form_tokens (session_id, token) values (${sessionId}, ${token})
    on conflict do nothing returning token`);
  return claimed.rows.length > 0;
}

/** Tokens older than a day protect nothing: deleted by the session prune. Returns how many. */
export async function pruneUsedFormTokens(db: Queryable, now: Date): Promise<number> {
  const result = await db.execute(
    sql`delete from used_form_tokens where used_at < ${new Date(now.getTime() - FORM_TOKEN_TTL_MS)}`,
  );
  return result.rowCount ?? 0;
}
