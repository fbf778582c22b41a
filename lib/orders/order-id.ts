import { rowIdFromText } from "../validation";

/** An order number as it appears in a URL or a form: digits for a positive 32-bit integer, else "no such order". */
export const orderIdSchema = rowIdFromText("No such order.");
