// Connection-URL helpers with no imports of their own: scripts/migrate.ts runs them under plain Node.

/** host:port/database of a URL, never its password. */
export function safeLocation(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * node-postgres treats `sslmode=require` (what Neon and Supabase print) exactly as `verify-full`,
 * and says so in a SECURITY WARNING once per process. Writing the mode it uses keeps the same
 * certificate check and a quiet log. Any other mode, and `uselibpqcompat`, are left as given.
 */
export function withExplicitSslMode(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.searchParams.get("sslmode") !== "require" || u.searchParams.has("uselibpqcompat")) return url;
  u.searchParams.set("sslmode", "verify-full");
  return u.toString();
}
