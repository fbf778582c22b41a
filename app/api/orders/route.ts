import { z } from "zod";
import { addressSchema } from "@/lib/addresses";
import { apiRoute, json, readJson } from "@/lib/http/api";
import { idempotencyKeySchema, placeOrder, type ShipTo } from "@/lib/orders/place";
import { getMyOrder, listMyOrders } from "@/lib/orders/queries";
import { noteOwnWrite, requireUser } from "@/lib/session";
import { rowIdSchema } from "@/lib/validation";

export const GET = apiRoute(async () => {
  const user = await requireUser();
  return json({ orders: await listMyOrders(user.userId) });
});

const placeSchema = z
  .object({
    idempotencyKey: idempotencyKeySchema,
    addressId: rowIdSchema("That address is not in your address book.").optional(),
    address: addressSchema.strict().optional(),
    saveAddress: z.boolean().default(false),
  })
  .strict()
  .refine((b) => (b.addressId === undefined) !== (b.address === undefined), {
    message: "Send either addressId (a saved address) or address (a new one).",
    path: ["address"],
  });

/** Places the cart as an order. The same idempotencyKey again answers 200 with the first order. */
export const POST = apiRoute(async (request) => {
  const user = await requireUser();
  const body = await readJson(request, placeSchema);
  const shipTo: ShipTo =
    body.addressId !== undefined
      ? { addressId: body.addressId }
      : { address: body.address!, save: body.saveAddress };
  const { orderId, created } = await placeOrder({
    userId: user.userId,
    idempotencyKey: body.idempotencyKey,
    shipTo,
  });
  await noteOwnWrite(user);
  return json({ order: await getMyOrder(user.userId, orderId) }, created ? 201 : 200);
});
