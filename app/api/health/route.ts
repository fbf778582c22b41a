import { pingDatabase } from "@/lib/database";
import { apiRoute, json } from "@/lib/http/api";

export const dynamic = "force-dynamic";

/**
 * Public health for load balancers: 200 `{status: "ok"}` when the database answers; when it does
 * not, the API's 503 (`{error: {code: "UNAVAILABLE", …}}`, Retry-After), from the one error
 * mapping in lib/http/api.ts. Nothing else: store kind, timings and pool figures are for staff,
 * at /api/admin/health.
 */
export const GET = apiRoute(async () => {
  await pingDatabase();
  return json({ status: "ok" });
});
