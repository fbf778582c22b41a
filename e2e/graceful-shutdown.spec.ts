import { expect, test } from "./fixtures";

test("SIGTERM lets an in-flight request finish, then closes the database pool", async ({
  faultyDatabase,
  startApp,
}) => {
  const db = faultyDatabase.proxy;
  const app = await startApp({ databaseUrl: faultyDatabase.url });

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
});
