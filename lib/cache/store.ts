import { LRUCache } from "lru-cache";

/**
 * The entries of one instance's session cache, and the bookkeeping that keeps a slow read from
 * storing what a change has already evicted. It knows nothing of the database: lib/cache/listener.ts
 * feeds it evictions, lib/session and lib/my-cart fill it. Keys are the notification payloads of
 * migration 0005: `s:<session id>`, `u:<user id>`, `p:<product id>` (docs/decisions/035).
 */
export type EvictionKey = `s:${string}` | `u:${number}` | `p:${number}`;

export const sessionKey = (id: string): EvictionKey => `s:${id}`;
export const userKey = (id: number): EvictionKey => `u:${id}`;
export const productKey = (id: number): EvictionKey => `p:${id}`;

/** Taken before the database read that fills an entry; the fill is refused if an eviction came since. */
export type FillTicket = { seq: number; at: number };

type Entry<V> = { value: V; filledAt: number; keys: EvictionKey[] };

/** Ownership keys of a cart entry are the same as its eviction keys: `s:<session>` or `u:<user>`. */
export class CacheStore<S, C> {
  private readonly sessions: LRUCache<string, Entry<S>>;
  private readonly carts: LRUCache<string, Entry<C>>;
  /** Eviction key → the cache keys whose entries it must remove (besides its own key). */
  private readonly dependents = new Map<EvictionKey, Set<string>>();
  private seq = 0;
  /** Fills that began before this are refused: set by clear() and when tombstones are trimmed. */
  private floor = 0;
  /** Recent evictions: key → the seq at which it was evicted. Bounded, oldest first. */
  private readonly tombstones = new Map<EvictionKey, number>();
  private readonly maxTombstones: number;
  readonly stats = { hits: 0, misses: 0, fills: 0, refusedFills: 0, evictions: 0, clears: 0 };

  constructor(maxEntries: number) {
    // An entry that leaves (evicted, replaced, pushed out by the bound) leaves the index too.
    const unlinkAll = (kind: "s" | "c", entry: { keys: EvictionKey[] }, key: string) => {
      for (const k of entry.keys) this.unlink(k, `${kind}|${key}`);
    };
    this.sessions = new LRUCache<string, Entry<S>>({
      max: maxEntries,
      dispose: (entry, key) => unlinkAll("s", entry, key),
    });
    this.carts = new LRUCache<string, Entry<C>>({
      max: maxEntries,
      dispose: (entry, key) => unlinkAll("c", entry, key),
    });
    this.maxTombstones = Math.max(1000, maxEntries);
  }

  ticket(now = Date.now()): FillTicket {
    return { seq: this.seq, at: now };
  }

  /**
   * `keys`: every eviction key that must remove this entry. Refused when one of them (or a clear)
   * came after the ticket was taken: the read may predate the change that evicted it.
   */
  putSession(ticket: FillTicket, id: string, value: S, keys: EvictionKey[]): boolean {
    return this.put(this.sessions, "s", id, ticket, value, keys);
  }

  putCart(ticket: FillTicket, owner: EvictionKey, value: C, keys: EvictionKey[]): boolean {
    return this.put(this.carts, "c", owner, ticket, value, keys);
  }

  /** The entry if it was filled after `freshAfter` (ms; read-your-writes), else undefined. */
  getSession(id: string, freshAfter = 0): Entry<S> | undefined {
    return this.get(this.sessions, id, freshAfter);
  }

  getCart(owner: EvictionKey, freshAfter = 0): Entry<C> | undefined {
    return this.get(this.carts, owner, freshAfter);
  }

  evict(key: EvictionKey): void {
    this.seq++;
    this.stats.evictions++;
    this.tombstones.delete(key);
    this.tombstones.set(key, this.seq);
    if (this.tombstones.size > this.maxTombstones) {
      const [oldest, at] = this.tombstones.entries().next().value as [EvictionKey, number];
      this.tombstones.delete(oldest);
      this.floor = Math.max(this.floor, at);
    }
    if (key.startsWith("s:")) this.sessions.delete(key.slice(2));
    this.carts.delete(key);
    const dependents = this.dependents.get(key);
    if (!dependents) return;
    for (const ref of [...dependents]) {
      const [kind, cacheKey] = [ref[0], ref.slice(2)];
      if (kind === "s") this.sessions.delete(cacheKey);
      else this.carts.delete(cacheKey);
    }
  }

  /** Everything goes, and no fill that began before now may land. */
  clear(): void {
    this.seq++;
    this.floor = this.seq;
    this.tombstones.clear();
    this.sessions.clear();
    this.carts.clear();
    this.dependents.clear();
    this.stats.clears++;
  }

  get size(): { sessions: number; carts: number; tombstones: number } {
    return { sessions: this.sessions.size, carts: this.carts.size, tombstones: this.tombstones.size };
  }

  private put<V>(
    lru: LRUCache<string, Entry<V>>,
    kind: "s" | "c",
    key: string,
    ticket: FillTicket,
    value: V,
    keys: EvictionKey[],
  ): boolean {
    const evictedSince =
      ticket.seq < this.floor || keys.some((k) => (this.tombstones.get(k) ?? 0) > ticket.seq);
    if (evictedSince) {
      this.stats.refusedFills++;
      return false;
    }
    lru.set(key, { value, filledAt: ticket.at, keys });
    for (const k of keys) {
      const set = this.dependents.get(k) ?? new Set<string>();
      set.add(`${kind}|${key}`);
      this.dependents.set(k, set);
    }
    this.stats.fills++;
    return true;
  }

  private get<V>(lru: LRUCache<string, Entry<V>>, key: string, freshAfter: number): Entry<V> | undefined {
    const entry = lru.get(key);
    if (entry && entry.filledAt > freshAfter) {
      this.stats.hits++;
      return entry;
    }
    this.stats.misses++;
    return undefined;
  }

  private unlink(key: EvictionKey, ref: string): void {
    const set = this.dependents.get(key);
    if (!set) return;
    set.delete(ref);
    if (set.size === 0) this.dependents.delete(key);
  }
}
