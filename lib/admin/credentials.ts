import { createHash, timingSafeEqual } from "node:crypto";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "../auth/password";
import { env } from "../env";
import { HASH_HINT, parseAdminEntries } from "./admin-users";

/**
 * Staff credentials from ADMIN_USERS="alice:<secret>,bob:<secret>". A secret is a scrypt hash from
 * `npm run admin:hash` or, outside production only, a plain password (docs/decisions/010-admin-credentials.md).
 * Plain passwords are hashed once at parse time, so every check is one verifyPassword, whatever the secret.
 */
export type AdminUser = { username: string; usernameDigest: Buffer; hash: Promise<string> };
export type AdminConfig = { source: string; users: AdminUser[]; problems: string[] };

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Parses ADMIN_USERS. Entries with a problem are left out (fail closed) and the problem is reported, never the secret. */
export function parseAdminUsers(value: string | undefined, production: boolean): AdminConfig {
  const { entries, problems } = parseAdminEntries(value, production);
  const users = entries.map(({ username, secret, kind }) => ({
    username,
    usernameDigest: digest(username),
    hash: kind === "hash" ? Promise.resolve(secret) : hashPassword(secret),
  }));
  return { source: value ?? "", users, problems };
}

let cached: AdminConfig | undefined;

/** This process's staff accounts, parsed once from the environment. */
export function adminConfig(): AdminConfig {
  const e = env();
  if (cached?.source !== (e.ADMIN_USERS ?? "")) cached = parseAdminUsers(e.ADMIN_USERS, e.isProduction);
  return cached;
}

/** What start-up should say about the admin area: nothing when it is configured and sound. */
export function adminConfigWarnings(config: AdminConfig = adminConfig()): string[] {
  const warnings = [...config.problems];
  if (config.users.length === 0) {
    warnings.push(
      `The admin area answers 401 to everyone: no usable staff credentials. Set ADMIN_USERS='alice:<scrypt hash>' (${HASH_HINT}).`,
    );
  }
  return warnings;
}

/**
 * The username these credentials belong to, or null. Constant-time: every configured name is compared
 * (timingSafeEqual on SHA-256 digests, no early exit) and exactly one scrypt runs, against a dummy
 * hash when the name is unknown, so timing tells nothing about which names exist.
 */
export async function verifyAdminCredentials(
  users: AdminUser[],
  username: string,
  password: string,
): Promise<string | null> {
  const given = digest(username);
  const hashes = await Promise.all(users.map((u) => u.hash));
  let found: number | undefined;
  for (const [i, user] of users.entries()) {
    if (timingSafeEqual(given, user.usernameDigest) && found === undefined) found = i;
  }
  const stored = found === undefined ? DUMMY_PASSWORD_HASH : hashes[found]!;
  const matches = await verifyPassword(password, stored);
  return found !== undefined && matches ? users[found]!.username : null;
}

/** `Authorization: Basic base64(user:password)` → its parts, or null when absent or malformed. */
export function parseBasicAuth(header: string | null): { username: string; password: string } | null {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)\s*$/i);
  if (!match) return null;
  const decoded = Buffer.from(match[1]!, "base64").toString("utf8");
  const sep = decoded.indexOf(":");
  if (sep <= 0 || decoded.length > 512) return null;
  return { username: decoded.slice(0, sep), password: decoded.slice(sep + 1) };
}
