import { z } from "zod";
import { parseInput } from "@/lib/action-result";
import { listProducts } from "@/lib/catalog";
import { apiRoute, json } from "@/lib/http/api";

const filterSchema = z.object({
  category: z.string().max(100).optional(),
  q: z.string().max(100).optional(),
});

export const GET = apiRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const filter = parseInput(filterSchema, {
    category: params.get("category") ?? undefined,
    q: params.get("q") ?? undefined,
  });
  return json({ products: await listProducts(filter) });
});
