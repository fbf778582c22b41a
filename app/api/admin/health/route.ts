import { adminRoute } from "@/lib/admin/require";
import { getStoreReport } from "@/lib/admin/store-health";

export const dynamic = "force-dynamic";

/** Staff health: the session store page's figures as JSON. 503 when the database is down (public twin: /api/health). */
export async function GET(request: Request) {
  return adminRoute(request, "health", async () => {
    const report = await getStoreReport();
    return { status: "ok", ...report };
  });
}
