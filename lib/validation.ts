import { z } from "zod";

/** Input rules shared by server actions and JSON routes: validated once at the edge, typed inward. */
export const MAX_QUANTITY = 99;

export const quantitySchema = z.coerce
  .number({ error: "Quantity must be a number." })
  .refine(Number.isFinite, "Quantity must be a number.")
  .refine(Number.isInteger, "Quantity must be a whole number.")
  .refine((n) => n >= 1, "Quantity must be at least 1.")
  .refine((n) => n <= MAX_QUANTITY, `Quantity can be at most ${MAX_QUANTITY}.`);

export const productIdSchema = z.coerce
  .number({ error: "Unknown product." })
  .refine((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647, "Unknown product.");

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .toLowerCase()
  .max(254, "That email address is too long.")
  .pipe(z.email({ error: "Enter a valid email address." }));

export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(12, "Use at least 12 characters for your password.")
  .max(200, "Use at most 200 characters for your password.");

export const passwordSchema = z
  .string({ error: "Enter your password." })
  .min(1, "Enter your password.")
  .max(200);

export const cartLineSchema = z.object({ productId: productIdSchema, quantity: quantitySchema }).strict();
