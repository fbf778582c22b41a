import { logout } from "@/lib/auth";
import { apiRoute, json } from "@/lib/http/api";

export const POST = apiRoute(async () => {
  await logout();
  return json({ ok: true });
});
