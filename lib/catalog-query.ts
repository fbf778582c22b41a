import { z } from "zod";
import { CONTROL_CHARACTERS, singleLineText } from "./validation";

/** The catalog's URL state (page, sort, category, search), shared by the page, its links and the JSON API. */
export const SORTS = ["featured", "price-asc", "price-desc", "name", "newest"] as const;
export type Sort = (typeof SORTS)[number];
export const SORT_LABELS: Record<Sort, string> = {
  featured: "Featured",
  "price-asc": "Price: low to high",
  "price-desc": "Price: high to low",
  name: "Name: A to Z",
  newest: "Newest",
};
export const PAGE_SIZE = 12;
export const MAX_PAGE_SIZE = 100;
const MAX_PAGE = 10_000;

export type CatalogQuery = { category?: string; q?: string; sort?: Sort; page?: number; perPage?: number };

const wholeNumber = (label: string, max: number) =>
  z
    .string()
    .regex(/^[1-9]\d{0,5}$/, `The ${label} must be a whole number from 1.`)
    .transform(Number)
    .refine((n) => n <= max, `The ${label} can be at most ${max}.`);

/** GET /api/products: strict, a bad value is a 400 naming it. */
export const catalogQuerySchema = z.object({
  category: singleLineText("category").max(100, "The category is too long.").optional(),
  q: singleLineText("search").max(100, "The search is too long (100 characters at most).").optional(),
  sort: z.enum(SORTS, { error: `The sort is one of: ${SORTS.join(", ")}.` }).optional(),
  page: wholeNumber("page", MAX_PAGE).optional(),
  perPage: wholeNumber("perPage", MAX_PAGE_SIZE).optional(),
});

type SearchParams = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/**
 * The storefront's reading of the same URL: lenient, since a typed or stale link should still show
 * products. A search box answers a page, not a 400: control characters (PostgreSQL refuses NUL) become
 * spaces; an unknown sort or page falls back to the default.
 */
export function readCatalogParams(params: SearchParams): Omit<CatalogQuery, "perPage"> {
  const text = (v: string | undefined) =>
    v?.slice(0, 100).replace(CONTROL_CHARACTERS, " ").trim() || undefined;
  const sort = one(params.sort);
  const page = Number(one(params.page));
  return {
    category: text(one(params.category)),
    q: text(one(params.q)),
    sort: SORTS.includes(sort as Sort) ? (sort as Sort) : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : undefined,
  };
}

/** The link to a catalog state; defaults (first page, featured) are left out so each state has one URL. */
export function catalogHref(query: Omit<CatalogQuery, "perPage">): string {
  const search = new URLSearchParams();
  if (query.category) search.set("category", query.category);
  if (query.q) search.set("q", query.q);
  if (query.sort && query.sort !== "featured") search.set("sort", query.sort);
  if (query.page && query.page > 1) search.set("page", String(query.page));
  const s = search.toString();
  return s ? `/?${s}` : "/";
}
