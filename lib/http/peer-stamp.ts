import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { peerHeaderName, setPeerHeaderName } from "./client-address";

/**
 * Methods Node.js parses but the Fetch API refuses to build a Request with: Next.js answers them with
 * a bare 500 before proxy.ts runs. They are handed on as OPTIONS with the real method in a stamped
 * header, and proxy.ts answers 405 with the security headers.
 */
const UNFETCHABLE_METHODS = new Set(["TRACE", "TRACK", "CONNECT"]);

/**
 * Next.js gives proxy.ts and route handlers no socket address, and on `next start` it fills
 * X-Forwarded-For only when the client sent none, so the client picks it. Node's own diagnostics
 * channel announces each request before the server emits it to Next; this writes the socket's
 * address into the request's headers then, under a name drawn at random for this process, so no
 * client can send a header that passes for it (docs/decisions/029-client-address.md).
 */
export function installPeerStamp(): void {
  if (peerHeaderName()) return;
  const name = `x-keepcart-peer-${randomBytes(8).toString("hex")}`;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const address = socket?.remoteAddress ?? request.socket?.remoteAddress;
    if (address) request.headers[name] = address;
    if (request.method && UNFETCHABLE_METHODS.has(request.method)) {
      request.headers[`${name}-method`] = request.method;
      request.method = "OPTIONS";
    }
  });
  setPeerHeaderName(name);
}
