import { rmSync } from "node:fs";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { adminQuery, uniqueName, withDatabase } from "../test/databases";
import { scratchDir } from "../test/scratch";
import { TcpFaultProxy } from "../test/tcp-proxy";
import { AppServer, type AppServerOptions } from "./harness/app-server";

export type StoreKind = "postgres" | "pglite";

export type KeepcartFixtures = {
  /** This test's own database: a postgres:// URL, or a PGlite folder. */
  database: { kind: StoreKind; url?: string; pgliteDir?: string };
  /** Starts (and at the end stops) app servers on this test's database. */
  startApp: (options?: Partial<AppServerOptions>) => Promise<AppServer>;
  app: AppServer;
  /** A TCP proxy in front of this test's PostgreSQL database, to cut, refuse or slow it. */
  faultyDatabase: { proxy: TcpFaultProxy; url: string };
  /** This worker's shared server (see below), with the log lines of this test attached on failure. */
  sharedApp: SharedApp;
};

/** A server and its PostgreSQL database, shared by the tests of one worker. */
export type SharedApp = AppServer & { databaseUrl: string };

type WorkerFixtures = { workerApp: SharedApp };

const baseUrl = process.env.DATABASE_URL;

/**
 * `app` is a server of the test's own, on a database of its own: for tests that restart, crash or
 * duplicate it, cut its database, or look at whole tables. `sharedApp` is one server per worker
 * (about 5 s of start-up and a database saved per test): for tests that only act as their own
 * shoppers through the storefront and touch products no other shared test counts on
 * (docs/decisions/038-test-suite-budget.md). Shared tests run on PostgreSQL.
 */
export const test = base.extend<
  KeepcartFixtures & { storeKind: StoreKind; emptyDatabase: boolean },
  WorkerFixtures
>({
  storeKind: ["postgres", { option: true }],
  /** A PostgreSQL database with nothing in it, for tests about migrating one; else a seeded copy. */
  emptyDatabase: [false, { option: true }],
  database: async ({ storeKind, emptyDatabase }, use) => {
    if (storeKind === "postgres") {
      if (!baseUrl)
        throw new Error(
          "e2e tests on PostgreSQL need DATABASE_URL (a server where they may create databases)",
        );
      const name = uniqueName("e2e");
      await createDatabase(name, emptyDatabase);
      await use({ kind: "postgres", url: withDatabase(baseUrl, name) });
      await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
    } else {
      const dir = scratchDir("keepcart-e2e-");
      await use({ kind: "pglite", pgliteDir: path.join(dir, "db") });
      rmSync(dir, { recursive: true, force: true });
    }
  },
  startApp: async ({ database }, use, testInfo) => {
    const servers: AppServer[] = [];
    await use(async (options = {}) => {
      const server = new AppServer({ databaseUrl: database.url, pgliteDir: database.pgliteDir, ...options });
      servers.push(server);
      await server.start();
      return server;
    });
    for (const [i, server] of servers.entries()) {
      await server.stop();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach(`server-${i}.log`, { body: server.logs.join(""), contentType: "text/plain" });
      }
    }
  },
  app: async ({ startApp }, use) => {
    await use(await startApp());
  },
  workerApp: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      if (!baseUrl) throw new Error("shared e2e servers run on PostgreSQL: set DATABASE_URL");
      const name = uniqueName("e2e_shared");
      await createDatabase(name, false);
      const databaseUrl = withDatabase(baseUrl, name);
      const server = new AppServer({ databaseUrl });
      await server.start();
      await use(Object.assign(server, { databaseUrl }));
      await server.stop();
      await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
    },
    { scope: "worker", timeout: 120_000 },
  ],
  sharedApp: async ({ workerApp }, use, testInfo) => {
    const from = workerApp.logs.length;
    await use(workerApp);
    if (testInfo.status !== testInfo.expectedStatus) {
      const body = workerApp.logs.slice(from).join("");
      await testInfo.attach("shared-server.log", { body, contentType: "text/plain" });
    }
  },
  faultyDatabase: async ({ database }, use) => {
    const target = new URL(database.url!);
    const proxy = new TcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
    await proxy.start();
    target.hostname = "127.0.0.1";
    target.port = String(proxy.port);
    await use({ proxy, url: target.toString() });
    await proxy.close();
  },
});

/** A test's body with this suite's fixtures (the last overload of `test` is title, details, body). */
type TestBody = Parameters<typeof test>[2];

/**
 * A restart scenario: on PostgreSQL, and again on the embedded PGlite store, the default for
 * `npm run dev` (its title ends "on PGlite"). Both are tests of the one project, so the PGlite runs,
 * about a minute each, are spread through the run instead of waiting at its end for workers of their
 * own (decision 038).
 */
export function restartTest(title: string, body: TestBody): void {
  test(title, body);
  test.describe(() => {
    test.use({ storeKind: "pglite" });
    test(`${title}, on PGlite`, body);
  });
}

/** A new database: a copy of the run's migrated, seeded template (e2e/global-setup.ts), or empty. */
async function createDatabase(name: string, empty: boolean): Promise<void> {
  const template = process.env.KEEPCART_E2E_TEMPLATE;
  await adminQuery(baseUrl!, `create database ${name}${empty || !template ? "" : ` template ${template}`}`);
}

/**
 * A test that needs a component the machine may lack (PgBouncer, initdb): skipped on a developer's
 * machine without it, saying what to install; under CI (`.ci/run` installs them) a failure instead,
 * so a missing install step can never turn into a silently skipped test.
 */
export function requireComponent(missing: string | undefined): void {
  if (!missing) return;
  if (process.env.CI) throw new Error(`CI must provide this: ${missing}`);
  test.skip(true, missing);
}

export { expect };
