import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect } from "@playwright/test";
import { adminQuery, uniqueName, withDatabase } from "../test/databases";
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
};

const baseUrl = process.env.DATABASE_URL;

export const test = base.extend<KeepcartFixtures & { storeKind: StoreKind }>({
  storeKind: ["postgres", { option: true }],
  database: async ({ storeKind }, use) => {
    if (storeKind === "postgres") {
      if (!baseUrl)
        throw new Error(
          "e2e tests on PostgreSQL need DATABASE_URL (a server where they may create databases)",
        );
      const name = uniqueName("e2e");
      await adminQuery(baseUrl, `create database ${name}`);
      await use({ kind: "postgres", url: withDatabase(baseUrl, name) });
      await adminQuery(baseUrl, `drop database if exists ${name} with (force)`);
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "keepcart-e2e-"));
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

export { expect };
