import http from "node:http";
import type { AddressInfo } from "node:net";
import connectPgSimple from "connect-pg-simple";
import session, { type SessionData } from "express-session";
import pg from "pg";

/**
 * The canonical peer: express-session 1.19 + connect-pg-simple 10 on a node-postgres pool of 10
 * (the same size as ours). Options as their READMEs recommend: resave false, saveUninitialized
 * false (connect-pg-simple implements touch). Its background prune is off while measuring so that
 * only request work is counted; its prune is compared separately.
 */
export const PEER_SECRET = "peer-bench-secret-peer-bench-secret-0001";
const PgStore = connectPgSimple(session);

export type Peer = {
  pool: pg.Pool;
  store: InstanceType<typeof PgStore>;
  statements: () => number;
  get: (sid: string) => Promise<SessionData | null | undefined>;
  touch: (sid: string, sess: SessionData) => Promise<void>;
  set: (sid: string, sess: SessionData) => Promise<void>;
  close: () => Promise<void>;
};

export function createPeer(url: string, poolMax = 10): Peer {
  const pool = new pg.Pool({ connectionString: url, max: poolMax, application_name: "bench-peer" });
  let statements = 0;
  // Client-side round-trip count: every statement connect-pg-simple sends goes through pool.query.
  const original = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    statements++;
    return original(...args);
  };
  const store = new PgStore({ pool, tableName: "session", pruneSessionInterval: false });
  return {
    pool,
    store,
    statements: () => statements,
    get: (sid) =>
      new Promise((resolve, reject) => store.get(sid, (err, s) => (err ? reject(err) : resolve(s)))),
    touch: (sid, sess) =>
      new Promise((resolve, reject) =>
        (store.touch as (sid: string, s: SessionData, cb: (e?: unknown) => void) => void)(sid, sess, (e) =>
          e ? reject(e) : resolve(),
        ),
      ),
    set: (sid, sess) =>
      new Promise((resolve, reject) => store.set(sid, sess, (e) => (e ? reject(e) : resolve()))),
    close: () => pool.end(),
  };
}

type CartBlob = { cart?: Record<string, number> };

/**
 * The peer as an app would run it: express-session's middleware on a plain node:http server (what
 * Express does around it is routing only). GET /cart reads the cart from the session blob;
 * POST /add?p=<id> adds one to it (read-modify-write of the whole blob).
 */
export async function startPeerServer(peer: Peer): Promise<{ url: string; close: () => Promise<void> }> {
  const middleware = session({
    store: peer.store,
    secret: PEER_SECRET,
    resave: false,
    saveUninitialized: false,
    cookie: { maxAge: 30 * 24 * 3600 * 1000, httpOnly: true, sameSite: "lax" },
  });
  const server = http.createServer((req, res) => {
    middleware(req as never, res as never, (err?: unknown) => {
      if (err) {
        res.statusCode = 500;
        res.end(String(err));
        return;
      }
      const s = (req as unknown as { session: session.Session & CartBlob }).session;
      const url = new URL(req.url ?? "/", "http://x");
      if (req.method === "POST" && url.pathname === "/add") {
        const product = url.searchParams.get("p") ?? "1";
        s.cart ??= {};
        s.cart[product] = (s.cart[product] ?? 0) + 1;
      }
      const count = Object.values(s.cart ?? {}).reduce((n, q) => n + q, 0);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ itemCount: count }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Total items in a peer session's cart blob, read straight from its row. */
export async function peerCartTotal(peer: Peer, cookie: string): Promise<number> {
  const sid = decodeURIComponent(cookie.split("=")[1] ?? "")
    .slice(2)
    .split(".")[0]!;
  const s = (await peer.get(sid)) as (SessionData & CartBlob) | null | undefined;
  return Object.values(s?.cart ?? {}).reduce((n, q) => n + q, 0);
}
