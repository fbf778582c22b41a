import { NextResponse } from "next/server";
import { authorizeCron } from "@/lib/cron";
import { withDb } from "@/lib/database";
import { toAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { deliverPendingMail } from "@/lib/mail/worker";
import { pruneExpiredSessions } from "@/lib/session/prune";

export const dynamic = "force-dynamic";

/**
 * Deletes expired sessions, then delivers the mail still due (on Vercel, mail normally goes right
 * after the response that wrote it; this retries what failed then). Called by Vercel Cron
 * (vercel.json) with the CRON_SECRET bearer; one prune at a time (the lease in lib/session/prune.ts).
 */
export async function GET(request: Request) {
  try {
    authorizeCron(request.headers.get("authorization"));
    const result = await withDb((db) => pruneExpiredSessions(db));
    const mail = await deliverPendingMail();
    return NextResponse.json({ ...result, mail }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    const appError = toAppError(error);
    if (appError.status >= 500)
      log.error("cron prune-sessions failed", { error: appError.details?.cause ?? appError });
    const headers: Record<string, string> = { "cache-control": "no-store" };
    if (appError.code === "UNAUTHENTICATED") headers["www-authenticate"] = 'Bearer realm="cron"';
    return NextResponse.json(
      { error: { code: appError.code, message: appError.message } },
      { status: appError.status, headers },
    );
  }
}
