import { z } from "zod";
import { AppError } from "./errors";

/**
 * Input rules shared by server actions and JSON routes: validated once at the edge, typed inward.
 * JSON fields are strict (a quantity is a JSON number, never "2" or true); form fields and URL
 * segments are text, read by `fromText` / `rowIdFromText`, so both edges end in the same rule.
 */
export const MAX_QUANTITY = 99;
/** PostgreSQL `integer` ids: anything larger would be a database error, not "unknown". */
export const MAX_ROW_ID = 2_147_483_647;

/** A row id in JSON: a whole number 1..2^31-1; anything else is `message` (e.g. "Unknown product."). */
export function rowIdSchema(message: string) {
  return z
    .number({ error: message })
    .refine((n) => Number.isSafeInteger(n) && n > 0 && n <= MAX_ROW_ID, message);
}

/** A row id as text (URL segment, form field): digits only, so "1e3", "0x1", " 1" are no id. */
export function rowIdFromText(message: string) {
  return z
    .string({ error: message })
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number)
    .pipe(rowIdSchema(message));
}

// Plain decimal notation only: Number() would also read "0x1", "0b1" and "1_0"-like surprises.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A numeric form field read as text, then checked by the same schema as its JSON twin. */
export function fromText<S extends z.ZodType>(schema: S) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (text === "") return 0; // an emptied number input: "at least 1" says more than "not a number"
    return DECIMAL.test(text) ? Number(text) : Number.NaN;
  }, schema);
}

// C0 controls and DEL: PostgreSQL refuses \u0000 in text. Used where text is cleaned, not refused
// (the home page's search box, the staff name in a throttle key).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

/**
 * Characters no name or address needs, refused (docs/decisions/023-hostile-input.md): Cc (C0, DEL
 * and C1 such as U+0085), Cf (bidi overrides and isolates such as U+202E, zero-width U+200B, U+2060,
 * U+FEFF, soft hyphen), Zl/Zp (U+2028, U+2029: line breaks by another name), Cs (lone surrogates).
 * They render invisibly or reorder what staff read on a packing slip.
 */
const FORBIDDEN_IN_TEXT = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
// ZWNJ and ZWJ are Cf too, but Persian, Indic scripts and emoji sequences need them between two
// visible characters; they are allowed there, nowhere else.
const JOINER_IN_A_WORD =
  /(?<=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}])[\u200C\u200D](?=[\p{L}\p{M}\p{N}\p{Extended_Pictographic}])/gu;

/** Whether text holds a character refused in names and addresses (see FORBIDDEN_IN_TEXT). */
export function hasForbiddenCharacters(text: string): boolean {
  return FORBIDDEN_IN_TEXT.test(text.replace(JOINER_IN_A_WORD, ""));
}

/** Single-line visible text: no control, format or line-separator characters, with a message naming the field. */
export function singleLineText(label: string) {
  return z.string({ error: `Enter the ${label}.` }).refine((s) => !hasForbiddenCharacters(s), {
    message: `The ${label} contains characters that are not allowed (control or invisible characters).`,
  });
}

export const quantitySchema = z
  .number({ error: "Quantity must be a number." })
  .refine(Number.isInteger, "Quantity must be a whole number.")
  .refine((n) => n >= 1, "Quantity must be at least 1.")
  .refine((n) => n <= MAX_QUANTITY, `Quantity can be at most ${MAX_QUANTITY}.`);

export const productIdSchema = rowIdSchema("Unknown product.");

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

/** The shortest new password: the form's `minLength` and hint say the same (components/password-field.tsx). */
export const MIN_PASSWORD_LENGTH = 12;

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters for your password.`)
  .max(200, "Use at most 200 characters for your password.");

export const passwordSchema = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(200, "Use at most 200 characters for your password.");

/** POST /api/cart/items. */
export const cartLineSchema = z.object({ productId: productIdSchema, quantity: quantitySchema }).strict();

/** The product page's and cart page's forms: the same rule, read from text. */
export const cartLineFormSchema = z.object({
  productId: rowIdFromText("Unknown product."),
  quantity: fromText(quantitySchema),
});

/** Form fields as plain strings (files and repeated keys ignored): the input of every zod schema. */
export function formFields(formData: FormData): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !(key in fields)) fields[key] = value;
  }
  return fields;
}

/**
 * Parses input with a zod schema. Invalid input is one BAD_INPUT AppError that carries every invalid
 * field's first message (`fields`), so a form can mark them all at once; its message and `field` are
 * the first problem's.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : undefined;
    if (name !== undefined && !(name in fields)) fields[name] = issue.message;
  }
  const first = parsed.error.issues[0]!;
  const field = first.path.length ? String(first.path[0]) : undefined;
  throw new AppError("BAD_INPUT", first.message, { field, fields: field ? fields : undefined });
}
