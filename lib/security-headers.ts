/**
 * Security headers, in one place. next.config.ts sends the baseline on every path (static files
 * included); proxy.ts adds the per-request content security policy (pages carry a fresh script
 * nonce, API answers a deny-all policy) and puts the whole set on the 503 page it answers itself.
 * Why nonces and not 'unsafe-inline': docs/decisions/020-csp.md.
 *
 * No imports: next.config.ts loads this file before the app is built.
 */
export type Header = { key: string; value: string };

export const BASELINE_HEADERS: readonly Header[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Legacy twin of frame-ancestors 'none', for browsers that predate CSP level 2.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];

/** Two years. No includeSubDomains: a custom domain's other hosts are not ours to pin to HTTPS. */
export const HSTS: Header = { key: "Strict-Transport-Security", value: "max-age=63072000" };

/** A JSON answer is never a document: nothing may load, frame or run from it. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The 503 page is self-contained: one inline style, no script, no subresource. */
export const UNAVAILABLE_PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** A fresh, unguessable script nonce for one page response (128 bits, base64). */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The page policy. Next.js reads the nonce from this header on the request and puts it on every
 * script it renders; 'strict-dynamic' lets those scripts load the app's chunks. Styles allow inline
 * because React renders style attributes, which a nonce cannot cover.
 */
export function pageCsp({ nonce, https, dev }: { nonce: string; https: boolean; dev: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its stack traces; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Applies the baseline, HSTS (HTTPS only) and a content security policy to a response's headers. */
export function applySecurityHeaders(
  headers: Headers,
  { csp, https }: { csp: string; https: boolean },
): void {
  for (const { key, value } of BASELINE_HEADERS) headers.set(key, value);
  if (https) headers.set(HSTS.key, HSTS.value);
  headers.set("Content-Security-Policy", csp);
}
