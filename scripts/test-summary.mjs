// Runs the stages of `npm test` one after another, times each (wall clock and CPU), and prints one
// closing summary a CI can read: the stage table, then "N passed, N failed, N skipped".
//
//   node scripts/test-summary.mjs --run lint build:test typecheck   each an npm script; stops at the first failure
//   node scripts/test-summary.mjs --run "typecheck+lint"            "+" runs scripts side by side (one stage)
//   node scripts/test-summary.mjs                                   the summary of the last run's reports
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";

const REPORTS = ".test-reports";
const STAGES = `${REPORTS}/stages.jsonl`;

/** CPU seconds used by this process's finished children (Linux: /proc/self/stat cutime + cstime). */
function childCpuSeconds() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) / 100; // clock ticks, USER_HZ = 100 on Linux
  } catch {
    return Number.NaN;
  }
}

function runScript(script, buffered) {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "--silent", script], {
      stdio: buffered ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    const output = [];
    child.stdout?.on("data", (d) => output.push(d));
    child.stderr?.on("data", (d) => output.push(d));
    child.on("close", (code) => {
      if (buffered) process.stdout.write(Buffer.concat(output));
      resolve(code ?? 1);
    });
  });
}

async function runStages(stages) {
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  for (const stage of stages) {
    const scripts = stage.split("+");
    const started = performance.now();
    const cpuBefore = childCpuSeconds();
    // Side-by-side scripts: the first prints as it goes, the others when they finish.
    const codes = await Promise.all(scripts.map((script, i) => runScript(script, i > 0)));
    const record = {
      stage,
      seconds: (performance.now() - started) / 1000,
      cpuSeconds: childCpuSeconds() - cpuBefore,
      ok: codes.every((c) => c === 0),
    };
    appendFileSync(STAGES, `${JSON.stringify(record)}\n`);
    if (!record.ok) return false;
  }
  return true;
}

function printStages() {
  if (!existsSync(STAGES)) return;
  const rows = readFileSync(STAGES, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const total = rows.reduce((sum, r) => sum + r.seconds, 0);
  const cpu = rows.reduce((sum, r) => sum + r.cpuSeconds, 0);
  const line = (name, seconds, cpuSeconds, note = "") =>
    `${name.padEnd(28)}${seconds.toFixed(1).padStart(8)} s${cpuSeconds.toFixed(1).padStart(9)} s CPU  ${note}`;
  console.log(`\n${"stage".padEnd(28)}${"wall".padStart(10)}${"".padStart(14)}`);
  for (const r of rows) console.log(line(r.stage, r.seconds, r.cpuSeconds, r.ok ? "" : "FAILED"));
  console.log(line("total", total, cpu));
}

function printCounts() {
  const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const db of ["pglite", "postgres"]) {
    const report = read(`${REPORTS}/vitest-${db}.json`);
    if (!report) continue;
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
  }
  const playwright = read(`${REPORTS}/playwright.json`);
  if (playwright) {
    passed += playwright.stats.expected;
    failed += playwright.stats.unexpected + playwright.stats.flaky;
    skipped += playwright.stats.skipped;
  }
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed === 0 && passed > 0;
}

const runAt = process.argv.indexOf("--run");
const stagesOk = runAt === -1 ? true : await runStages(process.argv.slice(runAt + 1));
printStages();
const countsOk = printCounts();
process.exit(stagesOk && countsOk ? 0 : 1);
