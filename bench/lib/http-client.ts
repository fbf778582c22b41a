import autocannon from "autocannon";
import { median } from "./stats";

export type HttpResult = {
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  errors: number; // connection errors, timeouts and non-2xx answers
  /** The server's CPU time (user + system, its whole process group) per answered request, when measured. */
  cpuMsPerRequest?: number;
};

export type HttpCase = {
  name: string;
  method: "GET" | "POST";
  path: string;
  /** Headers and body of request number k (a rotation of cookies, products…). */
  request: (k: number) => { headers?: Record<string, string>; body?: string };
};

/** autocannon against one case; `amount` runs a fixed number of requests instead of a duration. */
export async function cannon(
  baseUrl: string,
  c: HttpCase,
  opts: { connections: number; durationMs?: number; amount?: number; cpuMs?: () => number },
): Promise<HttpResult> {
  let k = 0;
  const cpuBefore = opts.cpuMs?.();
  const result = await autocannon({
    url: baseUrl,
    connections: opts.connections,
    ...(opts.amount
      ? { amount: opts.amount }
      : { duration: Math.max(1, Math.round((opts.durationMs ?? 1000) / 1000)) }),
    timeout: 30,
    requests: [
      {
        method: c.method,
        path: c.path,
        setupRequest: (req) => {
          const r = c.request(k++);
          return { ...req, headers: { ...req.headers, ...r.headers }, body: r.body };
        },
      },
    ],
  });
  const cpu = cpuBefore === undefined ? undefined : opts.cpuMs!() - cpuBefore;
  return {
    ...(cpu === undefined ? {} : { cpuMsPerRequest: cpu / Math.max(1, result.requests.total) }),
    requestsPerSec: result.requests.total / Math.max(0.001, result.duration),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

export type HttpSummary = HttpResult & { rounds: HttpResult[] };

export function summarizeHttp(rounds: HttpResult[]): HttpSummary {
  return {
    requestsPerSec: median(rounds.map((r) => r.requestsPerSec)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    ...(rounds.some((r) => r.cpuMsPerRequest !== undefined)
      ? { cpuMsPerRequest: median(rounds.map((r) => r.cpuMsPerRequest ?? Number.NaN)) }
      : {}),
    rounds,
  };
}
