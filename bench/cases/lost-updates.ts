import { createPeer, peerCartTotal, startPeerServer } from "../lib/peer";
import { newShopper } from "./http";

export type LostUpdates = { concurrent: number; ours: number[]; peer: number[] };

const JSON_HEADERS = { "content-type": "application/json" };

/**
 * `concurrent` simultaneous "add one" for one session, `repeats` times, each on a fresh session.
 * A cart line holds at most 99, so the adds are spread over 4 products (25 each when none is lost);
 * the figure is the total the cart gained. Ours: the production server's JSON API. The peer: the
 * cart in express-session's blob, the same +1 per request, through its middleware.
 */
export async function lostUpdates(opts: {
  baseUrl: string;
  peerDbUrl: string;
  products: number[];
  concurrent: number;
  repeats: number;
  log: (s: string) => void;
}): Promise<LostUpdates> {
  const four = opts.products.slice(0, 4);
  const ours: number[] = [];
  for (let r = 0; r < opts.repeats; r++) {
    const cookie = await newShopper(opts.baseUrl, opts.products.slice(4)); // two other lines, not counted
    const adds = Array.from({ length: opts.concurrent }, (_, k) =>
      fetch(`${opts.baseUrl}/api/cart/items`, {
        method: "POST",
        headers: { ...JSON_HEADERS, cookie },
        body: JSON.stringify({ productId: four[k % 4], quantity: 1 }),
      }).then((res) => res.arrayBuffer()),
    );
    await Promise.all(adds);
    const cart = (await (await fetch(`${opts.baseUrl}/api/cart`, { headers: { cookie } })).json()) as {
      cart: { lines: { productId: number; quantity: number }[] };
    };
    ours.push(cart.cart.lines.filter((l) => four.includes(l.productId)).reduce((n, l) => n + l.quantity, 0));
  }

  const peer = createPeer(opts.peerDbUrl);
  const server = await startPeerServer(peer);
  const peerTotals: number[] = [];
  try {
    for (let r = 0; r < opts.repeats; r++) {
      const first = await fetch(`${server.url}/add?p=0`, { method: "POST" });
      const cookie = first.headers.get("set-cookie")?.split(";")[0] ?? "";
      await Promise.all(
        Array.from({ length: opts.concurrent }, (_, k) =>
          fetch(`${server.url}/add?p=${1 + (k % 4)}`, { method: "POST", headers: { cookie } }).then((res) =>
            res.arrayBuffer(),
          ),
        ),
      );
      peerTotals.push((await peerCartTotal(peer, cookie)) - 1); // minus the first add that made the session
    }
  } finally {
    await server.close();
    await peer.close();
  }
  opts.log(`  lost updates: ours ${ours.join(", ")} · peer ${peerTotals.join(", ")} (of ${opts.concurrent})`);
  return { concurrent: opts.concurrent, ours, peer: peerTotals };
}
