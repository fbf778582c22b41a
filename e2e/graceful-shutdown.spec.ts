import { TcpFaultProxy } from "../test/tcp-proxy";
import { expect, test } from "./fixtures";
import { throughPort } from "./harness/database";

test("SIGTERM lets an in-flight request finish, then closes the database pool", async ({
  database,
  startApp,
}) => {
  const target = new URL(database.url!);
  const db = new TcpFaultProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await db.start();
  const app = await startApp({ databaseUrl: throughPort(database.url!, db.port) });

  db.latency(700); // each database round trip now takes over 0.7 s
  const inFlight = fetch(`${app.url}/products/camp-mug`);
  await new Promise((r) => setTimeout(r, 300));
  const stopped = app.stop();
  const response = await inFlight;
  expect(response.status).toBe(200);
  expect(await response.text()).toContain("Camp Mug");
  await stopped;

  const logs = app.logs.join("");
  expect(logs).toContain("shutting down: draining requests");
  expect(logs).toContain("database pool closed");
  expect(logs.indexOf("database pool closed")).toBeGreaterThan(logs.indexOf("shutting down"));
  await db.close();
});
