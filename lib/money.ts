const formatter = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });

/** Money is integer cents everywhere; this is the only place it becomes text. */
export function formatPrice(cents: number): string {
  return formatter.format(cents / 100);
}
