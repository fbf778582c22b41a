// Runs a test command against PostgreSQL: DATABASE_URL if set, else the local server
// (postgres@127.0.0.1:5432, as on a fresh machine of this kind). Tests only create and drop
// databases of their own (keepcart_test_*) there.
import { spawnSync } from "node:child_process";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
env.DATABASE_URL ??= "postgres://postgres@127.0.0.1:5432/postgres";
const [command, ...args] = process.argv.slice(2);
const result = spawnSync(command, args, { stdio: "inherit", env, shell: false });
process.exit(result.status ?? 1);
