import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminRoute } from "@/lib/admin/require";
import { pruneNow } from "@/lib/admin/store-health";
import { readJson } from "@/lib/http/api";

/** POST {} (JSON): the session store page's "Prune now". */
export async function POST(request: Request) {
  return adminRoute(request, "prune sessions", async (actor) => {
    await readJson(request, z.object({}).strict());
    const result = await pruneNow(actor);
    revalidatePath("/admin", "layout");
    return result;
  });
}
