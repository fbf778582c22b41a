import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { log } from "./log";

type Start = { request: IncomingMessage; response: ServerResponse };
const started = new WeakMap<ServerResponse, number>();
const QUIET = /^\/(_next\/static|_next\/image|favicon\.ico|icon\.svg|apple-icon\.png|images\/)/;

/**
 * One structured line per request (method, path without query, status, duration, request id),
 * from Node's own http diagnostics channels: `next start` owns the server, and a proxy cannot see
 * the final status. The query string is left out: it can hold search terms or emails.
 */
export function startRequestLog(): void {
  subscribe("http.server.request.start", (message) => {
    started.set((message as Start).response, performance.now());
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as Start;
    const start = started.get(response);
    const path = (request.url ?? "").split("?")[0] ?? "";
    if (QUIET.test(path)) return;
    const requestId = response.getHeader("x-request-id") ?? request.headers["x-request-id"];
    const fields = {
      requestId,
      method: request.method,
      path,
      status: response.statusCode,
      // Undefined only for the request that started the server (it began before we subscribed).
      durationMs: start === undefined ? undefined : Math.round((performance.now() - start) * 10) / 10,
    };
    if (response.statusCode >= 500) log.warn("request", fields);
    else log.info("request", fields);
  });
}
