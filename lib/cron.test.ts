import { describe, expect, it } from "vitest";
import { authorizeCron } from "./cron";
import { AppError, httpStatus } from "./errors";

const CRON_SECRET = "cron-secret-cron-secret-0123";
const production = { CRON_SECRET, isProduction: true };

function statusOf(authorization: string | null, e: { CRON_SECRET?: string; isProduction: boolean }): number {
  try {
    authorizeCron(authorization, e);
    return 200;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return httpStatus((error as AppError).code);
  }
}

describe("cron authorization", () => {
  it("lets the exact bearer through", () => {
    expect(statusOf(`Bearer ${CRON_SECRET}`, production)).toBe(200);
  });

  it.each([
    ["no header", null],
    ["an empty bearer", "Bearer "],
    ["a wrong secret", "Bearer cron-secret-cron-secret-0124"],
    ["a prefix of the secret", `Bearer ${CRON_SECRET.slice(0, -1)}`],
    ["the secret with more after it", `Bearer ${CRON_SECRET}x`],
    ["another scheme", `Basic ${CRON_SECRET}`],
    ["the bare secret", CRON_SECRET],
  ])("refuses %s with 401", (_, header) => {
    expect(statusOf(header, production)).toBe(401);
  });

  it("fails closed with 503 in production when CRON_SECRET is unset", () => {
    expect(statusOf(`Bearer ${CRON_SECRET}`, { isProduction: true })).toBe(503);
    expect(statusOf(null, { isProduction: true })).toBe(503);
  });

  it("lets a development server without a secret run it by hand", () => {
    expect(statusOf(null, { isProduction: false })).toBe(200);
    expect(statusOf(null, { CRON_SECRET, isProduction: false })).toBe(401);
  });
});
