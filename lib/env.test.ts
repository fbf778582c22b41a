import { describe, expect, it } from "vitest";
import { parseEnv, parseSessionSecrets } from "./env";

const secret = "s".repeat(32);
const mail = {
  SMTP_URL: "smtps://shop:pw@smtp.example.test:465",
  MAIL_FROM: "Keepcart <shop@example.test>",
  PUBLIC_BASE_URL: "https://shop.example.test",
};

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
      parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://h/db", SESSION_SECRET: "short", ...mail }),
    ).toThrow(/SESSION_SECRET: secret 1 must be at least 32 characters/);
  });

  it("accepts a complete production environment and applies the documented defaults", () => {
    const env = parseEnv({
      NODE_ENV: "production",
      DATABASE_URL: "postgres://h/db",
      SESSION_SECRET: secret,
      ...mail,
    });
    expect(env.isProduction).toBe(true);
    expect(env.publicBaseUrl).toBe("https://shop.example.test");
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

  it("refuses production without SMTP_URL, MAIL_FROM or PUBLIC_BASE_URL, naming each", () => {
    const base = { NODE_ENV: "production", DATABASE_URL: "postgres://h/db", SESSION_SECRET: secret };
    for (const name of ["SMTP_URL", "MAIL_FROM", "PUBLIC_BASE_URL"] as const) {
      const { [name]: _, ...rest } = mail;
      expect(() => parseEnv({ ...base, ...rest }), name).toThrow(new RegExp(`Missing:\\n  ${name}: set`));
    }
    expect(() => parseEnv({ ...base, ...mail, SMTP_URL: "http://smtp.example.test" })).toThrow(
      /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
  });

  it("builds mail links from PUBLIC_BASE_URL, from Vercel's own URLs, or from localhost in development", () => {
    expect(parseEnv({ SESSION_SECRET: secret }).publicBaseUrl).toBe("http://localhost:3000");
    expect(parseEnv({ SESSION_SECRET: secret, PORT: "4000" }).publicBaseUrl).toBe("http://localhost:4000");
    expect(parseEnv({ SESSION_SECRET: secret, PUBLIC_BASE_URL: "https://a.test/" }).publicBaseUrl).toBe(
      "https://a.test",
    );
    const vercel = {
      ...mail,
      PUBLIC_BASE_URL: "",
      DATABASE_URL: "postgres://h/db",
      SESSION_SECRET: secret,
      ADMIN_USERS: "a:b",
      VERCEL_URL: "keepcart-abc123.vercel.app",
      VERCEL_BRANCH_URL: "keepcart-git-feature.vercel.app",
      VERCEL_PROJECT_PRODUCTION_URL: "shop.example.test",
    };
    expect(parseEnv({ ...vercel, VERCEL_ENV: "production" }).publicBaseUrl).toBe("https://shop.example.test");
    expect(parseEnv({ ...vercel, VERCEL_ENV: "preview" }).publicBaseUrl).toBe(
      "https://keepcart-git-feature.vercel.app",
    );
    expect(parseEnv({ ...vercel, VERCEL_ENV: "preview", VERCEL_BRANCH_URL: "" }).publicBaseUrl).toBe(
      "https://keepcart-abc123.vercel.app",
    );
  });

  it("refuses production with Stripe half-configured, naming the missing variable; both or neither is fine", () => {
    const base = {
      NODE_ENV: "production",
      DATABASE_URL: "postgres://h/db",
      SESSION_SECRET: secret,
      SMTP_URL: "smtp://mail.example.com:25",
      MAIL_FROM: "Shop <shop@example.com>",
      PUBLIC_BASE_URL: "https://shop.example.com",
    };
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_abc" })).toThrow(
      /Missing:\n {2}STRIPE_WEBHOOK_SECRET/,
    );
    expect(() => parseEnv({ ...base, STRIPE_WEBHOOK_SECRET: "whsec_abc" })).toThrow(
      /Missing:\n {2}STRIPE_SECRET_KEY/,
    );
    expect(parseEnv(base)).toMatchObject({ paymentProvider: "manual", PAYMENT_HOLD_MINUTES: 3 * 24 * 60 });
    expect(
      parseEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_abc", STRIPE_WEBHOOK_SECRET: "whsec_abc" }),
    ).toMatchObject({
      paymentProvider: "stripe",
      PAYMENT_HOLD_MINUTES: 60,
    });
    expect(() =>
      parseEnv({
        ...base,
        STRIPE_SECRET_KEY: "sk_test_abc",
        STRIPE_WEBHOOK_SECRET: "whsec_abc",
        PAYMENT_HOLD_MINUTES: "10",
      }),
    ).toThrow(/PAYMENT_HOLD_MINUTES must be between 30 and 1440/);
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: "pk_live_abc" })).toThrow(/STRIPE_SECRET_KEY/);
  });
});
