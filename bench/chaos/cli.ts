import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { renderChaosReport } from "./report";
import { runChaos } from "./run";

/**
 * `npm run bench:chaos [-- --short] [-- --seed N] [-- --seconds S]`: the chaos run; its report,
 * JSON and the whole history (gzipped JSON lines, to read or re-check) land in bench/results/.
 */
const root = path.resolve(__dirname, "..", "..");
if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("No production build: run `npx next build` first.");
  process.exit(1);
}
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};

async function main(): Promise<void> {
  const short = process.argv.includes("--short");
  const result = await runChaos({
    short,
    seed: arg("--seed"),
    seconds: arg("--seconds"),
    shoppers: arg("--shoppers"),
    checkouts: arg("--checkouts"),
    log: (s) => console.log(s),
  });
  const date = new Date().toISOString().slice(0, 10);
  const dir = path.join(root, "bench", "results");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `chaos-${date}${short ? "-short" : ""}`);
  const markdown = renderChaosReport(result.json, path.basename(`${file}.history.jsonl.gz`));
  writeFileSync(`${file}.md`, markdown);
  writeFileSync(`${file}.json`, `${JSON.stringify(result.json, null, 2)}\n`);
  writeFileSync(
    `${file}.history.jsonl.gz`,
    gzipSync(result.history.map((e) => JSON.stringify(e)).join("\n")),
  );
  console.log(markdown);
  console.log(`written ${path.relative(root, file)}.md, .json and .history.jsonl.gz`);
  process.exit(result.ok ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
