import { z } from "zod";
import { rowIdFromText, singleLineText } from "../validation";
import { priceSchema, stockSchema } from "./products";

/** Lower-case words joined by single hyphens: the product's URL, /products/<slug>. */
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Chef's Knife & Board" → "chefs-knife-board". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

const SLUG_MESSAGE = "Use lower-case letters, digits and single hyphens for the slug, like cast-iron-pan.";
const slugSchema = z
  .string()
  .trim()
  .max(80, "Use at most 80 characters for the slug.")
  .regex(SLUG, SLUG_MESSAGE);
// As typed: empty (made from the name later) or a valid slug, checked with the other fields.
const optionalSlug = z
  .string()
  .trim()
  .optional()
  .refine((s) => !s || slugSchema.safeParse(s).success, {
    message: "Use at most 80 lower-case letters, digits and single hyphens for the slug, like cast-iron-pan.",
  });

const nameSchema = (what: string, max: number) =>
  singleLineText(what)
    .transform((s) => s.trim())
    .pipe(z.string().min(1, `Enter the ${what}.`).max(max, `Use at most ${max} characters for the ${what}.`));

// Line breaks and tabs are fine in a description; other control characters are not.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const NOT_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The create and edit forms' fields (text from the form; the image travels separately as a File). */
export const productFormSchema = z
  .object({
    name: nameSchema("name", 120),
    // Empty: made from the name.
    slug: optionalSlug,
    description: z
      .string({ error: "Enter a description." })
      .trim()
      .min(1, "Enter a description.")
      .max(2000, "Use at most 2,000 characters for the description.")
      .refine((s) => !NOT_TEXT.test(s), "The description contains characters that are not allowed."),
    price: priceSchema,
    stock: stockSchema,
    categoryId: rowIdFromText("Choose a category."),
    active: z
      .enum(["on", "true", "false"])
      .optional()
      .transform((v) => v === "on" || v === "true"),
  })
  .transform(({ slug, ...rest }, ctx) => {
    const wanted = slug?.trim() || slugify(rest.name);
    const parsed = slugSchema.safeParse(wanted);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: ["slug"], message: parsed.error.issues[0]!.message });
      return z.NEVER;
    }
    return { ...rest, slug: parsed.data };
  });

export type ProductForm = z.infer<typeof productFormSchema>;

export const categoryFormSchema = z
  .object({ name: nameSchema("category name", 60), slug: optionalSlug })
  .transform(({ name, slug }, ctx) => {
    const parsed = slugSchema.safeParse(slug?.trim() || slugify(name));
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", path: ["slug"], message: parsed.error.issues[0]!.message });
      return z.NEVER;
    }
    return { name, slug: parsed.data };
  });

/** Every problem at once, one message per field (the first for that field), for the form to mark. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    errors[field] ??= issue.message;
  }
  return errors;
}
