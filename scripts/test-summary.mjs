// Adds up what every runner of `npm test` reported and prints one closing line a CI can read.
import { existsSync, readFileSync, rmSync } from "node:fs";

// `--reset` at the start of a run, so a report left by an earlier run is never counted.
if (process.argv.includes("--reset")) {
  rmSync(".test-reports", { recursive: true, force: true });
  process.exit(0);
}

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const db of ["pglite", "postgres"]) {
  const report = read(`.test-reports/vitest-${db}.json`);
  if (!report) continue;
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
const playwright = read(".test-reports/playwright.json");
if (playwright) {
  passed += playwright.stats.expected;
  failed += playwright.stats.unexpected + playwright.stats.flaky;
  skipped += playwright.stats.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
