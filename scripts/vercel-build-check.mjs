// `npm run check:vercel`: builds the committed tree with the Vercel CLI, offline, for a preview and a
// production target, and checks what Vercel would deploy (.vercel/output): every function on
// nodejs24.x, the cron in config.json, the migrations shipped with the functions, and no function
// carrying the embedded PGlite. Each build gets a throwaway database on DATABASE_URL's server (the
// build migrates it). Too slow for `npm test` (two full builds); .ci/run runs it after the suite.
// Skips, saying why, only when the CLI cannot be installed from the registry.
import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI_VERSION = "64.0.2";
// The registry here lacks sandbox@4.4.0, which vercel@64.0.2 pins; 4.5.0 is API-compatible.
const CLI_OVERRIDES = { sandbox: "4.5.0" };
const BASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
// `printf '%s' staff-password-for-tests | npm run admin:hash --silent` (as in e2e/harness/app-server.ts)
const ADMIN_HASH = "scrypt$32768$8$1$kxrP6EKWXHn4NRe6P-u9Nw$f2ELRhXeFI-egp0OI2TOmx0ZEyEtoGC8muIAJ1x3Lo4";

function installCli() {
  const dir = path.join(homedir(), ".cache", "keepcart", `vercel-cli-${CLI_VERSION}`);
  const bin = path.join(dir, "node_modules", ".bin", "vercel");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ private: true, dependencies: { vercel: CLI_VERSION }, overrides: CLI_OVERRIDES }),
  );
  const run = spawnSync("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts"], {
    cwd: dir,
    encoding: "utf8",
  });
  if (run.status !== 0 || !existsSync(bin)) {
    console.log(
      `check:vercel SKIPPED: the Vercel CLI ${CLI_VERSION} could not be installed:\n${run.stderr.slice(-800)}`,
    );
    process.exit(0);
  }
  return bin;
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The real functions of a build (Vercel links identical ones to one directory: skip the links). */
function functions(output) {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const stat = lstatSync(full);
      if (stat.isSymbolicLink() || !stat.isDirectory()) continue;
      if (name.endsWith(".func")) {
        const config = JSON.parse(readFileSync(path.join(full, ".vc-config.json"), "utf8"));
        found.push({ name: path.relative(path.join(output, "functions"), full), config });
      } else walk(full);
    }
  };
  walk(path.join(output, "functions"));
  return found;
}

/** The CLI's own environment: the build's variables come from .vercel/.env.<target>.local only. */
function buildEnv() {
  const env = { ...process.env, CI: "1", NEXT_TELEMETRY_DISABLED: "1" };
  for (const key of ["DATABASE_URL", "DATABASE_URL_UNPOOLED", "SESSION_SECRET", "ADMIN_USERS", "VERCEL_ENV"])
    delete env[key];
  return env;
}

async function buildAndCheck(cli, target, checkout) {
  const database = `keepcart_test_vercel_${target}_${process.pid}`;
  await admin(`create database ${database}`);
  const failures = [];
  try {
    const url = withDatabase(BASE_URL, database);
    mkdirSync(path.join(checkout, ".vercel"), { recursive: true });
    writeFileSync(
      path.join(checkout, ".vercel", "project.json"),
      JSON.stringify({
        projectId: "prj_keepcart_offline",
        orgId: "team_keepcart_offline",
        settings: { framework: "nextjs", nodeVersion: "24.x" },
      }),
    );
    const env = {
      VERCEL_ENV: target,
      DATABASE_URL: url,
      DATABASE_URL_UNPOOLED: url,
      SESSION_SECRET: `offline-${target}-build-secret-0123456789abcdef`,
      ADMIN_USERS: `staff:${ADMIN_HASH}`,
      SMTP_URL: "smtp://127.0.0.1:2525",
      MAIL_FROM: "Keepcart <shop@keepcart.test>",
      PUBLIC_BASE_URL: "https://keepcart.example",
      CRON_SECRET: "offline-cron-secret-0123456789",
    };
    writeFileSync(
      path.join(checkout, ".vercel", `.env.${target}.local`),
      Object.entries(env)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n"),
    );
    const started = Date.now();
    const args = ["build", "--yes", ...(target === "production" ? ["--prod"] : [])];
    const run = spawnSync(cli, args, {
      cwd: checkout,
      encoding: "utf8",
      env: buildEnv(),
      maxBuffer: 64 * 1024 * 1024,
    });
    const seconds = Math.round((Date.now() - started) / 1000);
    if (run.error) return [`${target}: could not run the Vercel CLI: ${run.error.message}`];
    if (run.status !== 0) {
      return [
        `${target}: vercel build exited ${run.status} after ${seconds} s:\n${(run.stdout + run.stderr).slice(-3000)}`,
      ];
    }
    const output = path.join(checkout, ".vercel", "output");
    const config = JSON.parse(readFileSync(path.join(output, "config.json"), "utf8"));
    const vercelJson = JSON.parse(readFileSync(path.join(ROOT, "vercel.json"), "utf8"));
    for (const cron of vercelJson.crons) {
      if (!config.crons?.some((c) => c.path === cron.path && c.schedule === cron.schedule))
        failures.push(`${target}: cron ${cron.path} missing from config.json`);
    }
    const migrations = readdirSync(path.join(ROOT, "db", "migrations")).filter((f) => f.endsWith(".sql"));
    const fns = functions(output);
    if (fns.length === 0) failures.push(`${target}: no functions in .vercel/output`);
    for (const fn of fns) {
      const files = Object.keys(fn.config.filePathMap ?? {});
      const bytes = Object.values(fn.config.filePathMap ?? {}).reduce((sum, source) => {
        const s = statSync(path.join(checkout, source), { throwIfNoEntry: false });
        return sum + (s?.size ?? 0);
      }, 0);
      console.log(
        `check:vercel ${target}: ${fn.name} ${fn.config.runtime} ${(bytes / 1e6).toFixed(1)} MB, ${files.length} files`,
      );
      if (fn.config.runtime !== "nodejs24.x")
        failures.push(`${target}: ${fn.name} runs ${fn.config.runtime}`);
      const pglite = files.filter((f) => f.includes("@electric-sql/pglite"));
      if (pglite.length > 0)
        failures.push(`${target}: ${fn.name} carries PGlite (${pglite.length} files, e.g. ${pglite[0]})`);
      for (const m of migrations) {
        if (!files.includes(`db/migrations/${m}`))
          failures.push(`${target}: ${fn.name} lacks db/migrations/${m}`);
      }
    }
    console.log(
      `check:vercel ${target}: built in ${seconds} s, ${fns.length} functions, ${failures.length} problems`,
    );
    return failures;
  } finally {
    await admin(`drop database if exists ${database} with (force)`);
  }
}

const cli = installCli();
const failures = [];
for (const target of ["preview", "production"]) {
  const checkout = mkdtempSync(path.join(tmpdir(), `keepcart-vercel-${target}-`));
  try {
    execFileSync("sh", ["-c", `git -C "${ROOT}" archive HEAD | tar -x -C "${checkout}"`]);
    failures.push(...(await buildAndCheck(cli, target, checkout)));
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
}
if (failures.length > 0) {
  console.error(`check:vercel FAILED:\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log(
  "check:vercel passed: preview and production build offline; functions are nodejs24.x, ship the migrations and no PGlite",
);
