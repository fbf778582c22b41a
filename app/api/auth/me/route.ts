import { apiRoute, json } from "@/lib/http/api";
import { getSession } from "@/lib/session";

export const GET = apiRoute(async () => {
  const session = await getSession();
  return json({
    user: session?.userId != null ? { id: session.userId, email: session.email } : null,
    cartCount: session?.cartCount ?? 0,
    unreadCount: session?.unreadCount ?? 0,
  });
});
