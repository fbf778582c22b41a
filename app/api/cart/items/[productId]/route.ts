import { z } from "zod";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { removeFromMyCart, setMyCartQuantity } from "@/lib/my-cart";
import { parseInput, quantitySchema, rowIdFromText } from "@/lib/validation";

type Context = { params: Promise<{ productId: string }> };
const paramsSchema = z.object({ productId: rowIdFromText("Unknown product.") });

/** Sets the line to exactly `quantity`. */
export const PATCH = apiRoute(async (request, { params }: Context) => {
  const { productId } = parseInput(paramsSchema, await params);
  const { quantity } = await readJson(request, z.object({ quantity: quantitySchema }).strict());
  const { cart } = await setMyCartQuantity({ productId, quantity });
  return json({ cart });
});

export const DELETE = apiRoute(async (_request, { params }: Context) => {
  const { productId } = parseInput(paramsSchema, await params);
  const { cart } = await removeFromMyCart(productId);
  return json({ cart });
});
