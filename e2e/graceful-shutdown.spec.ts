import http from "node:http";
import { expect, test } from "./fixtures";

/** GET over a keep-alive connection that the client never closes (as a browser's idle socket). */
function keptAliveGet(url: string, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => {
          body += chunk;
        });
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

test("SIGTERM lets an in-flight request finish, then closes its connection and the database pool", async ({
  faultyDatabase,
  startApp,
}) => {
  const db = faultyDatabase.proxy;
  const app = await startApp({ databaseUrl: faultyDatabase.url });
  const agent = new http.Agent({ keepAlive: true });
  // A connection that answered and now sits idle, and one whose request is in flight at the signal.
  expect((await keptAliveGet(`${app.url}/api/health`, agent)).status).toBe(200);
  db.latency(700); // each database round trip now takes over 0.7 s
  const inFlight = keptAliveGet(`${app.url}/products/camp-mug`, new http.Agent({ keepAlive: true }));
  await new Promise((r) => setTimeout(r, 300));
  const stopped = app.stop();
  const response = await inFlight;
  const answeredAt = Date.now();
  expect(response.status).toBe(200);
  expect(response.body).toContain("Camp Mug");
  await stopped;
  // Node keeps an idle keep-alive connection open for 5 s; the server must not wait for that.
  expect(Date.now() - answeredAt).toBeLessThan(2500);

  const logs = app.logs.join("");
  expect(logs).toContain("shutting down: draining requests");
  expect(logs).toContain("database pool closed");
  expect(logs.indexOf("database pool closed")).toBeGreaterThan(logs.indexOf("shutting down"));
  agent.destroy();
});
