import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as moveRoute from "@/app/api/admin/orders/[id]/status/route";
import * as pruneRoute from "@/app/api/admin/sessions/prune/route";
import { hashPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/database";
import { placedOrder } from "@/test/order-fixtures";
import { currentBrowser, newBrowser } from "@/test/request";
import { callRoute, databaseState, expectRefusal, fcOptions, junk } from "./harness";

process.env.ADMIN_USERS = `staff:${await hashPassword("staff-password-for-tests")}`;

let orderId: number;
beforeAll(async () => {
  await getDb();
  ({ orderId } = await placedOrder([["camp-mug", 1]]));
});

beforeEach(() => {
  newBrowser().headers.set(
    "authorization",
    `Basic ${Buffer.from("staff:staff-password-for-tests").toString("base64")}`,
  );
});

const move = (init: { id?: string; body?: unknown; raw?: string; headers?: Record<string, string> }) => {
  const id = init.id ?? String(orderId);
  return callRoute(moveRoute.POST, {
    method: "POST",
    path: `/api/admin/orders/${encodeURIComponent(id)}/status`,
    params: { id },
    body: init.raw === undefined ? init.body : undefined,
    raw: init.raw,
    headers: init.raw === undefined ? init.headers : { "content-type": "application/json", ...init.headers },
  });
};

describe("admin JSON routes with hostile requests", () => {
  it("refuse another site's Origin (403) before changing anything", async () => {
    const before = await databaseState();
    const moved = await move({ body: { to: "packed" }, headers: { origin: "https://evil.test" } });
    expect(moved.status).toBe(403);
    const pruned = await callRoute(pruneRoute.POST, {
      method: "POST",
      path: "/api/admin/sessions/prune",
      body: {},
      headers: { origin: "https://evil.test" },
    });
    expect(pruned.status).toBe(403);
    expect(await databaseState()).toBe(before);
  });

  it("refuse oversized (413), malformed (400), non-JSON (415) and extra-field (400) bodies", async () => {
    const before = await databaseState();
    expect((await move({ raw: JSON.stringify({ to: "packed", pad: "x".repeat(40_000) }) })).status).toBe(413);
    expect((await move({ raw: "{nope" })).status).toBe(400);
    expect((await move({ raw: '{"to":"packed"}', headers: { "content-type": "text/plain" } })).status).toBe(
      415,
    );
    const extra = await move({ body: { to: "packed", actor: "someone-else" } });
    expectRefusal(extra, "extra");
    expect(extra.body.error?.message).toContain("actor");
    expect(await databaseState()).toBe(before);
  });

  it("refuse junk statuses and order ids with a 4xx that names the problem", async () => {
    await fc.assert(
      fc.asyncProperty(
        junk,
        fc.constantFrom("99999999999", "1e3", "0x1", "-1", "abc", "\u0000", "9".repeat(40)),
        async (to, id) => {
          const before = await databaseState();
          expectRefusal(await move({ body: { to } }), to);
          expectRefusal(await move({ id, body: { to: "packed" } }), id);
          expect(await databaseState()).toBe(before);
        },
      ),
      fcOptions(25),
    );
    expect(currentBrowser().jar.size).toBe(0);
  });
});
