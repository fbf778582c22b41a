import { z } from "zod";
import { parseInput } from "@/lib/action-result";
import { listProducts } from "@/lib/catalog";
import { apiRoute, json } from "@/lib/http/api";
import { singleLineText } from "@/lib/validation";

const filterSchema = z.object({
  category: singleLineText("category").max(100, "The category is too long.").optional(),
  q: singleLineText("search").max(100, "The search is too long (100 characters at most).").optional(),
});

export const GET = apiRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const filter = parseInput(filterSchema, {
    category: params.get("category") ?? undefined,
    q: params.get("q") ?? undefined,
  });
  return json({ products: await listProducts(filter) });
});
