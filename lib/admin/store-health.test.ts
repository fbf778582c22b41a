// @module-tag pglite
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getOrCreateSession, productIdBySlug, registeredBrowser } from "@/test/fixtures";
import { placedOrder } from "@/test/order-fixtures";
import { newBrowser } from "@/test/request";
import { addToCart, cartOwnerOf } from "../cart";
import { getDb } from "../database";
import { moveOrder } from "../orders/status";
import { listAudit } from "./audit";
import { getDashboard, periodStarts } from "./dashboard";
import { getStoreReport, pruneNow } from "./store-health";

const HOUR = 3_600_000;

async function insertSession(id: string, createdAt: Date, idleExpiresAt: Date): Promise<void> {
  const db = await getDb();
  await db.execute(sql`
    insert into sessions (id, created_at, last_seen_at, idle_expires_at, absolute_expires_at)
    values (${id}, ${createdAt}, ${createdAt}, ${idleExpiresAt}, ${new Date(idleExpiresAt.getTime() + HOUR)})`);
}

describe("dashboard figures", () => {
  it("uses UTC midnight and Monday as the day and week boundaries", () => {
    const { day, week } = periodStarts(new Date("2026-11-19T15:30:00Z")); // a Thursday
    expect(day.toISOString()).toBe("2026-11-19T00:00:00.000Z");
    expect(week.toISOString()).toBe("2026-11-16T00:00:00.000Z");
    expect(periodStarts(new Date("2026-11-16T00:00:00Z")).week.toISOString()).toBe(
      "2026-11-16T00:00:00.000Z",
    );
    expect(periodStarts(new Date("2026-11-22T23:59:00Z")).week.toISOString()).toBe(
      "2026-11-16T00:00:00.000Z",
    );
  });

  it("counts today's and this week's orders and revenue without cancelled ones, live sessions and open carts", async () => {
    const now = new Date();
    const before = await getDashboard(now);
    const { day } = periodStarts(now);
    const today = await placedOrder([["cast-iron-skillet", 2]], {
      createdAt: new Date(now.getTime() - 1000),
    });
    const cancelled = await placedOrder([["chefs-knife", 1]], { createdAt: new Date(now.getTime() - 1000) });
    await moveOrder({ orderId: cancelled.orderId, to: "cancelled", actor: "alice" });
    await placedOrder([["camp-mug", 1]], { createdAt: new Date(day.getTime() - 40 * 24 * HOUR) });

    newBrowser();
    const anonymous = await getOrCreateSession();
    await addToCart(cartOwnerOf(anonymous), await productIdBySlug("brass-pen"), 2);
    await registeredBrowser();

    const after = await getDashboard(now);
    expect(after.today.orders - before.today.orders).toBe(1);
    expect(after.today.revenueCents - before.today.revenueCents).toBe(2 * 3900);
    expect(after.week.orders - before.week.orders).toBe(1);
    expect(after.sessions.anonymous - before.sessions.anonymous).toBe(1);
    expect(after.sessions.loggedIn - before.sessions.loggedIn).toBe(1);
    expect(after.carts.open - before.carts.open).toBe(1);
    expect(after.carts.items - before.carts.items).toBe(2);
    expect(after.carts.products.find((p) => p.name === "Brass Pen")).toMatchObject({ quantity: 2, carts: 1 });
    expect(today.orderId).toBeGreaterThan(0);
  });
});

describe("session store report", () => {
  it("counts sessions per hour over the last day, live and expired ones, and prunes on demand with an audit record", async () => {
    const now = new Date();
    const past = (hours: number) => new Date(now.getTime() - hours * HOUR);
    await insertSession("report-a", past(0), new Date(now.getTime() + HOUR));
    await insertSession("report-b", past(0), new Date(now.getTime() + HOUR));
    await insertSession("report-c", past(5), past(1)); // expired, awaiting prune
    await insertSession("report-d", past(30), new Date(now.getTime() + HOUR)); // older than the chart

    const report = await getStoreReport(now);
    expect(report.perHour).toHaveLength(24);
    expect(report.perHour.at(-1)!.count).toBeGreaterThanOrEqual(2);
    expect(report.perHour.at(-6)!.count).toBe(1);
    expect(report.perHour.at(-1)!.hourStart.getTime()).toBe(Math.floor(now.getTime() / HOUR) * HOUR);
    expect(report.sessions.expired).toBe(1);
    expect(report.sessions.active).toBeGreaterThanOrEqual(3);
    expect(report.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(report.store?.kind).toMatch(/postgres|pglite/);

    const pruned = await pruneNow("alice");
    expect(pruned).toMatchObject({ ran: true, sessionsDeleted: 1 });
    const afterPrune = await getStoreReport(new Date());
    expect(afterPrune.sessions.expired).toBe(0);
    expect(afterPrune.lastPrune).toMatchObject({ rows: 1 });
    expect(afterPrune.lastPrune?.finishedAt).toBeInstanceOf(Date);
    expect(afterPrune.lastPrune!.finishedAt!.getTime()).toBeGreaterThanOrEqual(now.getTime() - 1000);
    expect((await listAudit())[0]).toMatchObject({
      actor: "alice",
      action: "sessions.prune",
      after: { sessionsDeleted: 1 },
    });
  });
});
