import { createHash, randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "@/db/client";
import { userTokens } from "@/db/schema";

/**
 * Single-use links mailed to a user (password reset, email change, the address confirmation sent
 * at registration). The link carries 256 random
 * bits; the table keeps only their SHA-256, so a leaked table opens nothing. A token is dead once
 * used, once expired, and once the user's password changes (its fingerprint no longer matches).
 */
export type TokenPurpose = "password-reset" | "email-change" | "email-confirm";
export const TOKEN_LIFETIME_MS = 30 * 60_000;
/** The registration mail may be read days later; it only confirms an address, so it lives longer. */
export const CONFIRM_TOKEN_LIFETIME_MS = 3 * 24 * 60 * 60_000;

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

/** What a token remembers of the password: a hash of the hash, enough to notice a change. */
export const passwordFingerprint = (passwordHash: string) => sha256(`password:${passwordHash}`);

export async function issueUserToken(
  tx: Queryable,
  input: {
    userId: number;
    purpose: TokenPurpose;
    passwordHash: string;
    newEmail?: string;
    now?: Date;
    lifetimeMs?: number;
  },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  await tx.insert(userTokens).values({
    tokenHash: sha256(token),
    userId: input.userId,
    purpose: input.purpose,
    passwordFingerprint: passwordFingerprint(input.passwordHash),
    newEmail: input.newEmail ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + (input.lifetimeMs ?? TOKEN_LIFETIME_MS)),
  });
  return token;
}

export type UsableToken = { tokenHash: string; userId: number; email: string; newEmail: string | null };

/**
 * The token's row if it can still be used, else null. With `lock` the row is locked for the
 * caller's transaction, so two tabs using one link cannot both succeed.
 */
export async function findUsableToken(
  tx: Queryable,
  token: string,
  purpose: TokenPurpose,
  { now = new Date(), lock = false }: { now?: Date; lock?: boolean } = {},
): Promise<UsableToken | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const result = await tx.execute<{
    token_hash: string;
    user_id: number;
    email: string;
    new_email: string | null;
    password_hash: string;
    password_fingerprint: string;
  }>(sql`
    select t.token_hash, t.user_id, u.email, t.new_email, u.password_hash, t.password_fingerprint
    from user_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${sha256(token)} and t.purpose = ${purpose}
      and t.used_at is null and t.expires_at > ${now}
    ${lock ? sql`for update of t` : sql``}`);
  const row = result.rows[0];
  if (!row || passwordFingerprint(row.password_hash) !== row.password_fingerprint) return null;
  return { tokenHash: row.token_hash, userId: row.user_id, email: row.email, newEmail: row.new_email };
}

export async function markTokenUsed(tx: Queryable, tokenHash: string, now = new Date()): Promise<void> {
  await tx
    .update(userTokens)
    .set({ usedAt: now })
    .where(and(eq(userTokens.tokenHash, tokenHash), isNull(userTokens.usedAt)));
}

/** Used and expired tokens are worth nothing: deleted with the expired sessions. Returns how many. */
export async function pruneDeadTokens(db: Queryable, now: Date): Promise<number> {
  const result = await db.execute(sql`delete from user_tokens where expires_at <= ${now}`);
  return result.rowCount ?? 0;
}
