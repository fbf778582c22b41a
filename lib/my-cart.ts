import "server-only";
import { addToCart, type Cart, cartOwnerOf, getCart, removeFromCart, setCartQuantity } from "./cart";
import { AppError } from "./errors";
import { getOrCreateSession, getSession } from "./session";

/**
 * The current shopper's cart: what a server action and the JSON API both call, so the rules are the
 * same on both. Inputs are already validated (zod at the edge); the limits are enforced in lib/cart.
 */
const EMPTY: Cart = { lines: [], itemCount: 0, subtotalCents: 0 };

export async function readMyCart(): Promise<Cart> {
  const session = await getSession();
  return session ? getCart(cartOwnerOf(session)) : EMPTY;
}

/** Adds to the cart, creating the session on this first write. Returns the line's new quantity. */
export async function addToMyCart(line: { productId: number; quantity: number }): Promise<number> {
  const session = await getOrCreateSession();
  return addToCart(cartOwnerOf(session), line.productId, line.quantity);
}

export async function setMyCartQuantity(line: { productId: number; quantity: number }): Promise<number> {
  const session = await getSession();
  if (!session) throw new AppError("NOT_FOUND", "That product is not in your cart.", { field: "productId" });
  return setCartQuantity(cartOwnerOf(session), line.productId, line.quantity);
}

export async function removeFromMyCart(productId: number): Promise<void> {
  const session = await getSession();
  if (session) await removeFromCart(cartOwnerOf(session), productId);
}
