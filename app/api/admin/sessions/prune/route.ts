import { revalidatePath } from "next/cache";
import { adminRoute } from "@/lib/admin/require";
import { pruneNow } from "@/lib/admin/store-health";

/** POST (JSON, body ignored): the session store page's "Prune now". */
export async function POST(request: Request) {
  return adminRoute(request, "prune sessions", async (actor) => {
    const result = await pruneNow(actor);
    revalidatePath("/admin", "layout");
    return result;
  });
}
