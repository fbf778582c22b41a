import { createHash, randomBytes } from "node:crypto";

/**
 * The guest order link's token (docs/decisions/033): 256 random bits, sent once in the confirmation
 * mail; only its SHA-256 is stored, so a database leak opens no order. It opens one order for
 * reading and does nothing else.
 */
export function newGuestOrderToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashGuestOrderToken(token) };
}

export function hashGuestOrderToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A well-formed token (43 base64url characters); anything else is "no such order" without a query. */
export const GUEST_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
