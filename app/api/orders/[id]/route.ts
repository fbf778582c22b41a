import { z } from "zod";
import { apiRoute, json } from "@/lib/http/api";
import { orderIdSchema } from "@/lib/orders/order-id";
import { getMyOrder } from "@/lib/orders/queries";
import { requireUser } from "@/lib/session";
import { parseInput } from "@/lib/validation";

export const GET = apiRoute(async (_request, { params }: { params: Promise<{ id: string }> }) => {
  const user = await requireUser();
  const { id } = parseInput(z.object({ id: orderIdSchema }), await params);
  return json({ order: await getMyOrder(user.userId, id) });
});
