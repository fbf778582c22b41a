import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv as parseProcessEnv } from "./env";

// What a deployment needs, checked at start-up. Each case passes its own environment: nothing global.
const SECRET = "s".repeat(32);
const URL = "postgres://app:pw@db.example.test:5432/keepcart";
const deployable = {
  DATABASE_URL: URL,
  SESSION_SECRET: SECRET,
  ADMIN_USERS: "staff:staff-password",
  SMTP_URL: "smtp://smtp.example.test:587",
  MAIL_FROM: "Keepcart <shop@example.test>",
  VERCEL_URL: "keepcart-abc123.vercel.app",
};

const parseEnv = (raw: Record<string, string>) => parseProcessEnv(raw as NodeJS.ProcessEnv);

function failure(raw: Record<string, string>): string {
  try {
    parseEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("parseEnv accepted an environment it should refuse");
}

describe("environment per deployment", () => {
  it.each(["preview", "production"])(
    "VERCEL_ENV=%s names every missing variable and where to set it",
    (VERCEL_ENV) => {
      const message = failure({ VERCEL_ENV, NODE_ENV: "production" });
      expect(message).toContain("DATABASE_URL");
      expect(message).toContain("SESSION_SECRET");
      expect(message).toContain("ADMIN_USERS");
      expect(message).toContain(`Keepcart cannot start in ${VERCEL_ENV}`);
      expect(message).toMatch(
        /Vercel → Project → Settings → Environment Variables, for the "(Preview|Production)" environment/,
      );
    },
  );

  it("refuses the embedded database on Vercel even when tests would allow it", () => {
    const { DATABASE_URL: _, ...rest } = deployable;
    const message = failure({ ...rest, VERCEL_ENV: "preview", KEEPCART_EMBEDDED_DB: "allow" });
    expect(message).toMatch(/DATABASE_URL: the embedded database is refused on Vercel/);
    expect(message).not.toContain("SESSION_SECRET");
  });

  it("serves a preview once everything is set", () => {
    const e = parseEnv({ ...deployable, VERCEL_ENV: "preview", NODE_ENV: "production" });
    expect(e.isProduction).toBe(true);
    expect(e.DATABASE_URL).toBe(URL);
  });

  it("refuses a SESSION_SECRET under 32 characters in production, naming the variable", () => {
    const message = failure({
      ...deployable,
      NODE_ENV: "production",
      PUBLIC_BASE_URL: "https://shop.example.test",
      SESSION_SECRET: "short-secret",
    });
    expect(message).toMatch(/SESSION_SECRET: secret 1 must be at least 32 characters/);
  });

  it("keeps the embedded default in development, vercel dev included", () => {
    for (const extra of [{}, { VERCEL_ENV: "development" }] as Record<string, string>[]) {
      const e = parseEnv({ NODE_ENV: "development", SESSION_SECRET: SECRET, ...extra });
      expect(e.DATABASE_URL).toBeUndefined();
      expect(e.isProduction).toBe(false);
    }
  });

  it("gives each serverless instance a small pool unless told otherwise", () => {
    expect(parseEnv({ SESSION_SECRET: SECRET }).DB_POOL_MAX).toBe(10);
    expect(parseEnv({ SESSION_SECRET: SECRET, VERCEL: "1" }).DB_POOL_MAX).toBe(5);
    expect(parseEnv({ SESSION_SECRET: SECRET, VERCEL: "1", DB_POOL_MAX: "3" }).DB_POOL_MAX).toBe(3);
  });

  it("names prepared statements by default, not on Vercel (pooled URL), and on request either way", () => {
    expect(parseEnv({ SESSION_SECRET: SECRET }).DB_PREPARED_STATEMENTS).toBe("on");
    expect(parseEnv({ SESSION_SECRET: SECRET, VERCEL: "1" }).DB_PREPARED_STATEMENTS).toBe("off");
    expect(
      parseEnv({ SESSION_SECRET: SECRET, VERCEL: "1", DB_PREPARED_STATEMENTS: "on" }).DB_PREPARED_STATEMENTS,
    ).toBe("on");
    expect(parseEnv({ SESSION_SECRET: SECRET, DB_PREPARED_STATEMENTS: "off" }).DB_PREPARED_STATEMENTS).toBe(
      "off",
    );
    expect(failure({ SESSION_SECRET: SECRET, DB_PREPARED_STATEMENTS: "yes" })).toContain(
      "DB_PREPARED_STATEMENTS",
    );
  });

  it("accepts DB_STATEMENT_TIMEOUT_MS=0 (not sent to a pooler) but not a negative one", () => {
    expect(parseEnv({ SESSION_SECRET: SECRET, DB_STATEMENT_TIMEOUT_MS: "0" }).DB_STATEMENT_TIMEOUT_MS).toBe(
      0,
    );
    expect(failure({ SESSION_SECRET: SECRET, DB_STATEMENT_TIMEOUT_MS: "-1" })).toContain(
      "DB_STATEMENT_TIMEOUT_MS",
    );
  });

  it("checks NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is an AES key in base64", () => {
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(parseEnv({ SESSION_SECRET: SECRET, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key })).toBeTruthy();
    expect(failure({ SESSION_SECRET: SECRET, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not-a-key" })).toContain(
      "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY",
    );
  });

  it("accepts .env.example as written: every documented variable parses, empty ones count as unset", () => {
    const text = readFileSync(path.join(process.cwd(), ".env.example"), "utf8");
    const example = Object.fromEntries(
      text
        .split("\n")
        .filter((line) => /^[A-Z_]+=/.test(line))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    expect(Object.keys(example)).toEqual(
      expect.arrayContaining(["DATABASE_URL_UNPOOLED", "CRON_SECRET", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"]),
    );
    // SESSION_SECRET given so that no development secret is written to .data/.
    const e = parseEnv({ ...example, NODE_ENV: "development", SESSION_SECRET: SECRET });
    expect(e.DATABASE_URL_UNPOOLED).toBeUndefined();
    expect(e.DB_POOL_MAX).toBe(10);
  });
});
