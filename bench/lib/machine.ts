import { execFileSync } from "node:child_process";
import os from "node:os";
import pg from "pg";

export type Machine = {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  loadAverageAtStart: number[];
  os: string;
  node: string;
  postgres: string;
  postgresSettings: Record<string, string>;
  gitCommit: string;
};

/** What the figures were measured on: a reader compares only numbers from one such machine. */
export async function describeMachine(adminUrl: string): Promise<Machine> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>("select version() as v")).rows[0]!.v;
    const settings = await client.query<{ name: string; setting: string; unit: string | null }>(
      `select name, setting, unit from pg_settings
       where name in ('shared_buffers', 'max_connections', 'synchronous_commit', 'work_mem', 'fsync')`,
    );
    return {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? "?",
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: version.split(" on ")[0] ?? version,
      postgresSettings: Object.fromEntries(
        settings.rows.map((r) => [r.name, r.unit ? `${r.setting} × ${r.unit}` : r.setting]),
      ),
      gitCommit: gitCommit(),
    };
  } finally {
    await client.end();
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return "unknown";
  }
}
