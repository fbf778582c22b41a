import { revalidatePath } from "next/cache";
import { adminRoute } from "@/lib/admin/require";
import { readJson } from "@/lib/http/api";
import { moveOrder, moveOrderSchema } from "@/lib/orders/status";
import { parseInput } from "@/lib/validation";

/** POST {"to": "packed"}: the JSON twin of the order page's buttons (same rule, lib/orders/status.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return adminRoute(request, "move order", async (actor) => {
    const { orderId } = parseInput(moveOrderSchema.pick({ orderId: true }), {
      orderId: (await params).id,
    });
    const { to } = await readJson(request, moveOrderSchema.pick({ to: true }).strict());
    const input = { orderId, to };
    const result = await moveOrder({ ...input, actor });
    revalidatePath("/", "layout");
    return result;
  });
}
