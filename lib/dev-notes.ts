/**
 * Plain lines for the person watching `npm run dev`: what the server is doing while the browser
 * waits (opening, creating and seeding the embedded database). Development only; production and
 * tests keep to the JSON log lines of lib/log.ts.
 */
export function devNote(text: string): void {
  if (process.env.NODE_ENV !== "development" || process.env.VITEST) return;
  process.stdout.write(` ○ Keepcart: ${text}\n`);
}

/** "12.3 s" since `started` (a performance.now() reading). */
export function secondsSince(started: number): string {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}
