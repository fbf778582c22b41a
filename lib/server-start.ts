import diagnosticsChannel from "node:diagnostics_channel";
import { existsSync } from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { adminConfigWarnings } from "./admin/credentials";
import { closeDb, ready, withDb } from "./database";
import { devNote, secondsSince } from "./dev-notes";
import { env } from "./env";
import { answerOutagesWith503 } from "./http/outage-status";
import { installPeerStamp } from "./http/peer-stamp";
import { log } from "./log";
import { startMailWorker, stopMailWorker } from "./mail/worker";
import { startRequestLog } from "./request-log";
import { pruneExpiredSessions } from "./session/prune";

let pruneTimer: NodeJS.Timeout | undefined;

/** Called once per server process from instrumentation.ts, before the first request is served. */
export async function startServer(): Promise<void> {
  installPeerStamp(); // before anything can await: requests from here on carry their socket address
  let e: ReturnType<typeof env>;
  try {
    e = env();
  } catch (error) {
    // A misconfigured production server must not serve: say what to set and stop.
    console.error(`\n${(error as Error).message}\n`);
    process.exit(1);
  }
  startRequestLog();
  answerOutagesWith503();
  // The admin area fails closed (401 to everyone) without usable credentials: say what to set.
  for (const warning of adminConfigWarnings()) {
    if (e.isProduction) log.warn(warning);
    else log.info(warning);
  }
  const started = performance.now();
  devNote(
    e.DATABASE_URL
      ? "connecting to PostgreSQL (DATABASE_URL) and applying migrations…"
      : existsSync(path.join(e.PGLITE_DIR, "PG_VERSION"))
        ? `opening the embedded database in ${e.PGLITE_DIR} (PGlite; a few seconds)…`
        : `creating the embedded database in ${e.PGLITE_DIR} (PGlite, first start only: about 20 s)…`,
  );
  try {
    await ready(e.DB_STARTUP_MAX_WAIT_MS);
    devNote(
      `database ready in ${secondsSince(started)}. Open http://localhost:${process.env.PORT ?? 3000}: ` +
        "each page compiles on its first visit (the first one takes longest).",
    );
  } catch (error) {
    // Not fatal: requests answer 503 and each one tries to connect again (a failed start is never cached).
    log.error("database not ready after start-up retries; serving 503 until it is", { error });
  }
  // On Vercel a function instance is frozen between requests and never sees a signal: pruning runs
  // from the cron route and after writes (lib/cron.ts), mail right after the response with the cron
  // retrying, and the platform closes connections (attachDatabasePool). The timers and the drain
  // hook are for processes that live on.
  if (process.env.VERCEL) return;
  pruneTimer = setInterval(() => {
    withDb((db) => pruneExpiredSessions(db)).catch((error) => log.warn("session prune failed", { error }));
  }, e.PRUNE_INTERVAL_SECONDS * 1000);
  pruneTimer.unref();
  startMailWorker(e.MAIL_POLL_INTERVAL_SECONDS);
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => closePoolAfterDrain(signal));
  }
}

/**
 * On SIGTERM/SIGINT, `next start` stops accepting connections, waits for in-flight requests, then
 * calls process.exit. We stop the prune timer at once and close the pool at that exit, that is
 * after the last request has finished, not before (closing earlier would fail requests that are
 * between two queries). Bounded, so a hung close cannot keep a stopping server alive.
 */
function closePoolAfterDrain(signal: NodeJS.Signals): void {
  clearInterval(pruneTimer);
  stopMailWorker();
  closeConnectionsAsResponsesEnd();
  log.info("shutting down: draining requests, then closing the database pool", { signal });
  const exit = process.exit.bind(process);
  process.exit = ((code?: number) => {
    const deadline = setTimeout(() => exit(code), 5000);
    closeDb()
      .then(() => log.info("database pool closed"))
      .catch((error) => log.warn("closing the database pool failed", { error }))
      .finally(() => {
        clearTimeout(deadline);
        exit(code);
      });
  }) as typeof process.exit;
}

/**
 * `next start` closes the listener on SIGTERM and waits for every open connection to end. A
 * keep-alive connection whose response was already sent then holds the process until its idle
 * timeout (5 s), and one whose response is still being written goes idle afterwards and holds it
 * again. From the signal on, each connection is closed as soon as its response has ended, so a
 * stopping server exits when its last in-flight request is answered, not seconds later.
 */
function closeConnectionsAsResponsesEnd(): void {
  diagnosticsChannel.subscribe("http.server.response.finish", (message) => {
    const { server } = message as { server: Server };
    // On "finish" the request is still counted as active; a turn later its connection is idle.
    setImmediate(() => server.closeIdleConnections());
  });
}
