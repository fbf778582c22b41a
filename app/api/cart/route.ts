import { apiRoute, json } from "@/lib/http/api";
import { readMyCart } from "@/lib/my-cart";

export const GET = apiRoute(async () => json({ cart: await readMyCart() }));
