import { apiRoute, json, readJson } from "@/lib/http/api";
import { addToMyCart } from "@/lib/my-cart";
import { cartLineSchema } from "@/lib/validation";

/** Adds `quantity` of a product (atomic: 50 parallel "add one" add exactly 50). */
export const POST = apiRoute(async (request) => {
  const line = await readJson(request, cartLineSchema);
  const { quantity, cart } = await addToMyCart(line);
  return json({ line: { productId: line.productId, quantity }, cart });
});
