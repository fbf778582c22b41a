import { AsyncLocalStorage } from "node:async_hooks";
import { subscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";

/**
 * A page render that meets a database outage after proxy.ts let it through (the database went
 * down between the proxy's session read and the render's own queries, or a cookie-less visitor
 * arrived before anything had failed) is answered 503 with Retry-After, not 500 (decision 037).
 * A server component cannot set a status, so this works one level down, on Node's own server:
 * each request gets a scope when it starts; `noteOutage()` (called by lib/database when a query fails
 * for want of a database) marks it; a 500 head of a marked request is written as 503 instead.
 */
type Scope = { outage: boolean };
const KEY = Symbol.for("keepcart.requestScope");
const globals = globalThis as unknown as Record<symbol, AsyncLocalStorage<Scope> | undefined>;
// One scope store per process, even if the bundler loads this module in two bundles (proxy, app).
globals[KEY] ??= new AsyncLocalStorage<Scope>();
const scopes = globals[KEY];

/** Installed once per server process (lib/server-start.ts), before the first request. */
export function answerOutagesWith503(): void {
  subscribe("http.server.request.start", (message) => {
    const { response } = message as { response: ServerResponse };
    const scope: Scope = { outage: false };
    // Synchronous here, before the server emits "request": everything the request runs inherits it.
    scopes.enterWith(scope);
    const writeHead = response.writeHead;
    response.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
      if (status === 500 && scope.outage) {
        status = 503;
        this.setHeader("retry-after", "5");
        this.setHeader("cache-control", "no-store");
      }
      return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
    } as ServerResponse["writeHead"];
  });
}

/** The request being served met a database outage: its 500, if it comes to one, is a 503. */
export function noteOutage(): void {
  const scope = scopes.getStore();
  if (scope) scope.outage = true;
}
