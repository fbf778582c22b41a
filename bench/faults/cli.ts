import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runLoadWithFaults } from "./run";

/** `npm run bench:faults [-- --quick]`: the load-with-faults run alone, report in bench/results/. */
const root = path.resolve(__dirname, "..", "..");
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("No production build: run `npx next build` first.");
  process.exit(1);
}
async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const result = await runLoadWithFaults({ quick, log: (s) => console.log(s) });
  const date = new Date().toISOString().slice(0, 10);
  const dir = path.join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `faults-${date}${quick ? "-quick" : ""}`);
  writeFileSync(`${file}.md`, `# Keepcart bench: load with faults (${date})\n\n${result.markdown}`);
  writeFileSync(`${file}.json`, `${JSON.stringify(result.json, null, 2)}\n`);
  console.log(result.markdown);
  console.log(`written ${path.relative(root, file)}.md and .json`);
  process.exit(result.ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
