import { z } from "zod";

/** An order number as it appears in a URL: a positive 32-bit integer, else "no such order". */
export const orderIdSchema = z.coerce
  .number({ error: "No such order." })
  .refine((n) => Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647, "No such order.");
