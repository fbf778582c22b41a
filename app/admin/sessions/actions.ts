"use server";

import { revalidatePath } from "next/cache";
import type { ActionResult } from "@/lib/action-result";
import { adminAction } from "@/lib/admin/require";
import { pruneNow } from "@/lib/admin/store-health";
import type { PruneResult } from "@/lib/session/prune";

/** "Prune now": deletes expired sessions at once (the timer and cron do the same job). */
export async function pruneNowAction(): Promise<ActionResult<PruneResult>> {
  return adminAction("prune sessions", async (actor) => {
    const result = await pruneNow(actor);
    revalidatePath("/admin", "layout");
    return result;
  });
}
