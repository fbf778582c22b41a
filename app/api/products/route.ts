import { searchCatalog } from "@/lib/catalog";
import { catalogQuerySchema } from "@/lib/catalog-query";
import { apiRoute, json } from "@/lib/http/api";
import { parseInput } from "@/lib/validation";

export const GET = apiRoute(async (request) => {
  const params = new URL(request.url).searchParams;
  const query = parseInput(catalogQuerySchema, {
    category: params.get("category") ?? undefined,
    q: params.get("q") ?? undefined,
    sort: params.get("sort") ?? undefined,
    page: params.get("page") ?? undefined,
    perPage: params.get("perPage") ?? undefined,
  });
  return json(await searchCatalog(query));
});
