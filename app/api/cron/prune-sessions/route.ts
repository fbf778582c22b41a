import { authorizeCron } from "@/lib/cron";
import { withDb } from "@/lib/database";
import { apiRoute, json } from "@/lib/http/api";
import { deliverPendingMail } from "@/lib/mail/worker";
import { pruneExpiredSessions } from "@/lib/session/prune";

export const dynamic = "force-dynamic";

/**
 * Deletes expired sessions, then delivers the mail still due (on Vercel, mail normally goes right
 * after the response that wrote it; this retries what failed then). Called by Vercel Cron
 * (vercel.json) with the CRON_SECRET bearer; one prune at a time (the lease in lib/session/prune.ts).
 * Failures answer as the API does (lib/http/api.ts), a 401 with the bearer challenge.
 */
export const GET = apiRoute(
  async (request) => {
    authorizeCron(request.headers.get("authorization"));
    const result = await withDb((db) => pruneExpiredSessions(db));
    const mail = await deliverPendingMail();
    return json({ ...result, mail });
  },
  { what: "cron prune-sessions", challenge: 'Bearer realm="cron"' },
);
