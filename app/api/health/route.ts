import { NextResponse } from "next/server";
import { pingDatabase } from "@/lib/database";

export const dynamic = "force-dynamic";

/**
 * Public health for load balancers: 200 `{status: "ok"}` when the database answers, 503
 * `{status: "unavailable"}` when it does not. Nothing else: store kind, timings and pool figures are
 * for staff, at /api/admin/health.
 */
export async function GET() {
  try {
    await pingDatabase();
    return NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch {
    return NextResponse.json(
      { status: "unavailable" },
      { status: 503, headers: { "cache-control": "no-store", "retry-after": "5" } },
    );
  }
}
