/**
 * Where to go after login: only a path on this site. "//evil.example", "/\\evil", "https://…" and
 * anything with control characters fall back to `fallback` (no open redirect). The check runs on
 * the input and again on the normalised result: dot segments ("/.//evil.example",
 * "/%2e//evil.example") collapse into a scheme-relative "//evil.example" only after normalising.
 */
export function safeNextPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 500) return fallback;
  if (!isLocalPath(value)) return fallback;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  try {
    const url = new URL(value, "http://keepcart.invalid");
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.host === "keepcart.invalid" && isLocalPath(path) ? path : fallback;
  } catch {
    return fallback;
  }
}

/** Starts with one slash, not two and not a slash-backslash (both mean "another host" to a browser). */
function isLocalPath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}
