import { NextResponse } from "next/server";
import { pingDatabase, storeHealth } from "@/lib/db";
import { toAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

/** Public health: 200 when the database answers, 503 when it does not. No counts (those are staff-only). */
export async function GET() {
  try {
    const roundTripMs = await pingDatabase();
    const store = storeHealth();
    return NextResponse.json(
      { status: "ok", store: store?.kind, roundTripMs },
      { headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    const appError = toAppError(error);
    return NextResponse.json(
      { status: "unavailable", error: { code: appError.code, message: appError.message } },
      { status: appError.status, headers: { "cache-control": "no-store", "retry-after": "5" } },
    );
  }
}
