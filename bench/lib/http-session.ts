/**
 * One client's side of HTTP against the app: a cookie jar (every cookie the app sets, by name: the
 * session cookie, and beside it the device and read-your-writes cookies), JSON bodies, and
 * every answer reported to the caller, with no answer (timeout, reset, refused) as status 0.
 * The load-with-faults shoppers and the chaos run's shoppers both talk through it.
 */
export type SessionAnswer = {
  status: number; // 0: no answer (the request may or may not have taken effect)
  body: unknown;
  at: number; // when the request was sent (ms since the epoch)
  ms: number;
  /** The origin the request went to. */
  target: string;
  retryAfter: string | null;
  /** The answer set the session cookie to empty (a logout, or the server dropping the session). */
  cookieCleared: boolean;
  errorName?: string;
};

export type RequestInit = {
  method?: string;
  body?: unknown;
  /** A body sent exactly as given, as JSON (a signed webhook: the signature covers these bytes). */
  rawBody?: string;
  headers?: Record<string, string>;
};

/** The session cookie's names (plain on http, `__Host-` on https): only its clearing is a logout. */
const SESSION_COOKIE = /^(__Host-)?kc_session$/;

export class HttpSession {
  private readonly jar = new Map<string, string>();

  /** The Cookie header this client sends. */
  get cookie(): string {
    return [...this.jar].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** `target` gives the origin of each request: one server, or a round robin over several. */
  constructor(
    private readonly target: () => string,
    private readonly timeoutMs = 20_000,
  ) {}

  async request(path: string, init: RequestInit = {}): Promise<SessionAnswer> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookie) headers.cookie = this.cookie;
    if (init.body !== undefined || init.rawBody !== undefined) headers["content-type"] = "application/json";
    const at = Date.now();
    const target = this.target();
    try {
      const response = await fetch(`${target}${path}`, {
        method: init.method ?? "GET",
        headers,
        body: init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
        redirect: "manual",
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      let cookieCleared = false;
      for (const line of response.headers.getSetCookie()) {
        const pair = line.split(";")[0]!;
        const eq = pair.indexOf("=");
        const name = pair.slice(0, eq).trim();
        const value = pair.slice(eq + 1);
        if (value === "") this.jar.delete(name);
        else this.jar.set(name, value);
        if (SESSION_COOKIE.test(name)) cookieCleared = value === "";
      }
      const text = await response.text();
      const type = response.headers.get("content-type") ?? "";
      let body: unknown = text;
      if (type.includes("json") && text) body = JSON.parse(text);
      const retryAfter = response.headers.get("retry-after");
      return { status: response.status, body, at, ms: Date.now() - at, target, retryAfter, cookieCleared };
    } catch (error) {
      const errorName = (error as Error).name === "TypeError" ? "network" : (error as Error).name;
      return {
        status: 0,
        body: null,
        at,
        ms: Date.now() - at,
        target,
        retryAfter: null,
        cookieCleared: false,
        errorName,
      };
    }
  }
}

/** The error code of a JSON error answer ({error: {code}}), if any. */
export function errorCode(body: unknown): string | undefined {
  return (body as { error?: { code?: string } } | null)?.error?.code;
}
