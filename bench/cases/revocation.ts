import type { AppServer } from "../../e2e/harness/app-server";
import { percentile } from "../lib/stats";

export type RevocationResults = {
  logouts: number;
  /** From A's logout answer to B's answer refusing the cookie: an upper bound on the propagation. */
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** From A's logout answer to the send time of B's first refusal (a lower bound; 0 when B's first request after the logout was already refused). */
  sentP99Ms?: number;
  /** Logouts whose first request to B afterwards was already refused. */
  refusedAtFirstAsk?: number;
  /** Requests B accepted (the session still valid) that were sent more than `boundMs` after A's logout answered. */
  acceptedAfterBound: number;
  boundMs: number;
  /** B answered the cookie from its cache just before each logout (the case would prove nothing otherwise). */
  cachedBeforeLogout: number;
};

type Me = { cartCount: number };

async function me(baseUrl: string, cookie: string): Promise<Me> {
  const response = await fetch(`${baseUrl}/api/auth/me`, { headers: { cookie } });
  if (response.status !== 200) throw new Error(`/api/auth/me answered ${response.status}`);
  return (await response.json()) as Me;
}

/**
 * Revocation between two real server processes: for each session (a cart of two lines, so a valid
 * session answers cartCount 2), B reads it twice (now in B's cache), A logs it out, and B is asked
 * again and again until it refuses the cookie. The delay is from A's logout answer to B's answer
 * refusing the cookie (an upper bound: it includes B's own round trip); every acceptance sent later
 * than the bound is counted.
 */
export async function revocationCase(opts: {
  a: AppServer;
  b: AppServer;
  cookies: string[];
  boundMs: number;
  cacheHits: (server: AppServer) => Promise<number>;
  log: (s: string) => void;
}): Promise<RevocationResults> {
  const delays: number[] = [];
  const sentDelays: number[] = [];
  let refusedAtFirstAsk = 0;
  let acceptedAfterBound = 0;
  let cachedBeforeLogout = 0;
  for (const cookie of opts.cookies) {
    await me(opts.b.url, cookie);
    const hits = await opts.cacheHits(opts.b);
    if ((await me(opts.b.url, cookie)).cartCount === 0)
      throw new Error("a bench session with a cart answered 0");
    if ((await opts.cacheHits(opts.b)) > hits) cachedBeforeLogout++;
    const logout = await fetch(`${opts.a.url}/api/auth/logout`, { method: "POST", headers: { cookie } });
    if (logout.status !== 200) throw new Error(`logout answered ${logout.status}`);
    const loggedOutAt = performance.now();
    for (let ask = 0; ; ask++) {
      const sentAt = performance.now();
      const answer = await me(opts.b.url, cookie);
      if (answer.cartCount === 0) {
        delays.push(performance.now() - loggedOutAt);
        sentDelays.push(sentAt - loggedOutAt);
        if (ask === 0) refusedAtFirstAsk++;
        break;
      }
      if (sentAt - loggedOutAt > opts.boundMs) acceptedAfterBound++;
      if (sentAt - loggedOutAt > 10_000) throw new Error("B still accepts a cookie 10 s after its logout");
    }
    // Refused once, refused for good.
    for (let k = 0; k < 2; k++) if ((await me(opts.b.url, cookie)).cartCount !== 0) acceptedAfterBound++;
  }
  delays.sort((x, y) => x - y);
  sentDelays.sort((x, y) => x - y);
  const result = {
    logouts: delays.length,
    p50Ms: percentile(delays, 50),
    p99Ms: percentile(delays, 99),
    maxMs: delays.at(-1) ?? Number.NaN,
    sentP99Ms: percentile(sentDelays, 99),
    refusedAtFirstAsk,
    acceptedAfterBound,
    boundMs: opts.boundMs,
    cachedBeforeLogout,
  };
  opts.log(`  revocation A→B: ${JSON.stringify(result)}`);
  return result;
}
