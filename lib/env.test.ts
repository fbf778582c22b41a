import { describe, expect, it } from "vitest";
import { parseEnv, parseSessionSecrets } from "./env";

const secret = "s".repeat(32);

describe("environment validation", () => {
  it("refuses production without DATABASE_URL, naming the variable", () => {
    expect(() => parseEnv({ NODE_ENV: "production", SESSION_SECRET: secret })).toThrow(/DATABASE_URL/);
  });

  it("refuses a preview deployment without DATABASE_URL, SESSION_SECRET and admin users, and says where to set them", () => {
    const attempt = () => parseEnv({ NODE_ENV: "production", VERCEL_ENV: "preview" });
    expect(attempt).toThrow(/DATABASE_URL/);
    expect(attempt).toThrow(/SESSION_SECRET/);
    expect(attempt).toThrow(/ADMIN_USERS/);
    expect(attempt).toThrow(/Environment Variables, for the "Preview" environment/);
  });

  it("refuses the embedded database on Vercel even when asked for", () => {
    expect(() =>
      parseEnv({
        VERCEL_ENV: "production",
        KEEPCART_EMBEDDED_DB: "allow",
        SESSION_SECRET: secret,
        ADMIN_USERS: "a:b",
      }),
    ).toThrow(/DATABASE_URL/);
  });

  it("refuses a session secret shorter than 32 characters", () => {
    expect(() =>
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://h/db", SESSION_SECRET: "short" }),
    ).toThrow(/SESSION_SECRET: secret 1 must be at least 32 characters/);
  });

  it("accepts a complete production environment and applies the documented defaults", () => {
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://h/db", SESSION_SECRET: secret });
    expect(env.isProduction).toBe(true);
    expect(env.SESSION_IDLE_TIMEOUT_SECONDS).toBe(30 * 24 * 3600);
    expect(env.DB_POOL_MAX).toBe(10);
  });

  it("parses a rotation list and rejects malformed ids", () => {
    expect(parseSessionSecrets(`3:${"a".repeat(32)},2:${"b".repeat(32)}`)).toEqual({
      3: "a".repeat(32),
      2: "b".repeat(32),
    });
    expect(parseSessionSecrets(secret)).toEqual({ 1: secret });
    expect(() => parseSessionSecrets(`2:${"a".repeat(32)},x:${"b".repeat(32)}`)).toThrow(/numeric/);
  });

  it("rejects a non-numeric pool size with the variable's name", () => {
    expect(() => parseEnv({ DB_POOL_MAX: "lots", SESSION_SECRET: secret })).toThrow(/DB_POOL_MAX/);
  });
});
