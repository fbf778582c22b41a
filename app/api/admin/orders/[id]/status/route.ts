import { revalidatePath } from "next/cache";
import { adminRoute, jsonBody, parseAdminInput } from "@/lib/admin/require";
import { moveOrder, moveOrderSchema } from "@/lib/orders/status";

/** POST {"to": "packed"}: the JSON twin of the order page's buttons (same rule, lib/orders/status.ts). */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return adminRoute(request, "move order", async (actor) => {
    const body = (await jsonBody(request)) as Record<string, unknown> | null;
    const input = parseAdminInput(moveOrderSchema, { to: body?.to, orderId: (await params).id });
    const result = await moveOrder({ ...input, actor });
    revalidatePath("/", "layout");
    return result;
  });
}
