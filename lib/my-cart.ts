import "server-only";
import { cookies } from "next/headers";
import { beginFill, cachedCart, type EvictionKey, fillCart, productKey, sessionKey, userKey } from "./cache";
import {
  addCartLine,
  type Cart,
  type CartOwner,
  cartOwnerOf,
  getCart,
  lineQuantity,
  removeFromCart,
  setCartQuantity,
} from "./cart";
import { AppError } from "./errors";
import { claimFormToken } from "./form-token";
import { getSession, noteOwnWrite, writeWithSession } from "./session";
import { FRESH_COOKIE, freshAfter } from "./session/cookie";

/**
 * The current shopper's cart: what a server action and the JSON API both call, so the rules are the
 * same on both. Inputs are already validated (zod at the edge); the limits are enforced in lib/cart.
 * Each change returns the line's quantity and the cart after it.
 */
export type CartChange = { quantity: number; cart: Cart };
const EMPTY: Cart = { lines: [], itemCount: 0, subtotalCents: 0 };

const ownerKey = (owner: CartOwner): EvictionKey =>
  "userId" in owner ? userKey(owner.userId) : sessionKey(owner.sessionId);

/**
 * The cart page's read, from this instance's cache when it can answer (lib/cache): evicted when a
 * line of this cart or a product it shows changes, and never older than this browser's own last write.
 */
export async function readMyCart(): Promise<Cart> {
  const session = await getSession();
  if (!session) return EMPTY;
  const owner = cartOwnerOf(session);
  const key = ownerKey(owner);
  const fence = freshAfter((await cookies()).get(FRESH_COOKIE)?.value);
  const cached = cachedCart<Cart>(key, fence);
  if (cached) return cached;
  const ticket = beginFill();
  const cart = await getCart(owner);
  fillCart(ticket, key, Object.freeze(cart), [key, ...cart.lines.map((l) => productKey(l.productId))]);
  return cart;
}

/**
 * Adds to the cart, creating the session on this first write. With a form token (lib/form-token.ts)
 * a repeat of the same form adds nothing and answers with the line as it is.
 */
export async function addToMyCart(
  line: { productId: number; quantity: number },
  formToken: string | null = null,
): Promise<CartChange> {
  const { owner, quantity } = await writeWithSession(async (tx, session) => {
    const owner = cartOwnerOf(session);
    if (formToken && !(await claimFormToken(tx, session.id, formToken))) {
      return { owner, quantity: await lineQuantity(tx, owner, line.productId) };
    }
    return { owner, quantity: await addCartLine(tx, owner, line.productId, line.quantity) };
  });
  return { quantity, cart: await getCart(owner) };
}

export async function setMyCartQuantity(line: { productId: number; quantity: number }): Promise<CartChange> {
  const session = await getSession();
  if (!session) throw new AppError("NOT_FOUND", "That product is not in your cart.", { field: "productId" });
  const owner = cartOwnerOf(session);
  const quantity = await setCartQuantity(owner, line.productId, line.quantity);
  await noteOwnWrite(session);
  return { quantity, cart: await getCart(owner) };
}

/** Removes a line; `removed` names the product taken out (null if it was not in the cart). */
export async function removeFromMyCart(productId: number): Promise<{ removed: string | null; cart: Cart }> {
  const session = await getSession();
  if (!session) return { removed: null, cart: EMPTY };
  const owner = cartOwnerOf(session);
  const removed = await removeFromCart(owner, productId);
  await noteOwnWrite(session);
  return { removed, cart: await getCart(owner) };
}
