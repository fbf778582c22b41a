import { getProductBySlug } from "@/lib/catalog";
import { AppError } from "@/lib/errors";
import { apiRoute, json } from "@/lib/http/api";

export const GET = apiRoute(async (_request, { params }: { params: Promise<{ slug: string }> }) => {
  const product = await getProductBySlug((await params).slug);
  if (!product) throw new AppError("NOT_FOUND", "No such product.");
  return json({ product });
});
