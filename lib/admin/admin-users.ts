// Parsing ADMIN_USERS, with no imports: `npm run vercel-build` (plain Node, scripts/migrate.ts) uses
// it to fail a deployment whose staff could never sign in, as it does for a missing variable.

export type AdminEntry = { username: string; secret: string; kind: "hash" | "plain" };

const USERNAME = /^[A-Za-z0-9._@-]{1,64}$/;
const SCRYPT_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{32,}$/;
export const HASH_HINT = "run `npm run admin:hash` and use its output as the secret";

/**
 * ADMIN_USERS="alice:<secret>,bob:<secret>" → its usable entries and what is wrong with the others
 * (never the secret). A plain password is usable outside production only (docs/decisions/010).
 */
export function parseAdminEntries(
  value: string | undefined,
  production: boolean,
): { entries: AdminEntry[]; problems: string[] } {
  const entries: AdminEntry[] = [];
  const problems: string[] = [];
  const items = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  for (const [index, item] of items.entries()) {
    const sep = item.indexOf(":");
    const username = sep > 0 ? item.slice(0, sep).trim() : "";
    const secret = sep > 0 ? item.slice(sep + 1).trim() : "";
    const where = `ADMIN_USERS entry ${index + 1}${USERNAME.test(username) ? ` (${username})` : ""}`;
    if (!USERNAME.test(username) || !secret) {
      problems.push(`${where}: expected name:secret with a name of letters, digits, . _ @ or -`);
    } else if (entries.some((u) => u.username === username)) {
      problems.push(`${where}: the name is listed twice; only the first entry counts`);
    } else if (SCRYPT_HASH.test(secret)) {
      entries.push({ username, secret, kind: "hash" });
    } else if (secret.startsWith("scrypt$") || /^scrypt\d/.test(secret)) {
      // A hash whose `$` parts were expanded away by a shell or .env loader: never treat it as a password.
      problems.push(
        `${where}: the scrypt hash is damaged (write each $ as \\$ in .env files, quote it in shells)`,
      );
    } else if (production) {
      problems.push(`${where}: plain passwords are refused in production and on Vercel; ${HASH_HINT}`);
    } else {
      entries.push({ username, secret, kind: "plain" });
    }
  }
  return { entries, problems };
}
