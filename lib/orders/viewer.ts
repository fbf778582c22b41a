import "server-only";
import { getSession } from "../session";
import type { OrderViewer } from "./queries";

/**
 * Who the current request may show orders to: the account, or (no account) the anonymous session
 * that placed guest orders. A guest order link (a token) is read from the request by its own page.
 */
export async function currentOrderViewer(): Promise<OrderViewer | null> {
  const session = await getSession();
  if (!session) return null;
  return session.userId != null ? { userId: session.userId } : { sessionId: session.id };
}
