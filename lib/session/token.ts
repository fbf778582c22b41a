import { createHash, randomBytes } from "node:crypto";

/** 256 bits from the OS CSPRNG. This is what the cookie carries (sealed); the database never sees it. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The row key: SHA-256 of the token, so a leaked sessions table yields no usable cookie. */
export function sessionIdOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
