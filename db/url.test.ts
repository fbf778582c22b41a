import pg from "pg";
import { describe, expect, it, vi } from "vitest";
import { createPostgresStore } from "./client";
import { safeLocation, withExplicitSslMode } from "./url";

describe("connection URLs", () => {
  it("writes sslmode=require as the verify-full node-postgres applies, and leaves other modes alone", () => {
    const neon = "postgres://u:p@ep-x-pooler.eu.aws.neon.tech/db?sslmode=require&channel_binding=require";
    expect(new URL(withExplicitSslMode(neon)).searchParams.get("sslmode")).toBe("verify-full");
    expect(new URL(withExplicitSslMode(neon)).searchParams.get("channel_binding")).toBe("require");
    for (const url of [
      "postgres://u:p@h/db",
      "postgres://u:p@h/db?sslmode=disable",
      "postgres://u:p@h/db?sslmode=verify-full",
      "postgres://u:p@h/db?uselibpqcompat=true&sslmode=require",
      "not a url",
    ]) {
      expect(withExplicitSslMode(url)).toBe(url);
    }
  });

  it("keeps node-postgres quiet about sslmode=require (no SECURITY WARNING)", () => {
    const warn = vi.spyOn(process, "emitWarning").mockImplementation(() => {});
    try {
      const client = new pg.Client({
        connectionString: withExplicitSslMode("postgres://u:p@h/db?sslmode=require"),
      });
      expect(client.ssl).toBeTruthy();
      expect(warn.mock.calls.map((c) => String(c[0]))).not.toContainEqual(
        expect.stringContaining("SECURITY WARNING"),
      );
      // The check above can fail: the URL as given does warn.
      new pg.Client({ connectionString: "postgres://u:p@h/db?sslmode=require" });
      expect(warn.mock.calls.map((c) => String(c[0]))).toContainEqual(
        expect.stringContaining("SECURITY WARNING"),
      );
    } finally {
      warn.mockRestore();
    }
  });

  it("names a location without the password", () => {
    expect(safeLocation("postgres://u:hunter2@db.example:6543/shop")).toBe("db.example:6543/shop");
  });
});

describe.runIf(process.env.KEEPCART_TEST_BASE_URL)("statement timeout", () => {
  it("is set on every pooled connection by a SET, not a startup parameter", async () => {
    const store = createPostgresStore(
      process.env.DATABASE_URL!,
      { max: 2, connectTimeoutMs: 5000, statementTimeoutMs: 1234, idleTimeoutMs: 1000 },
      () => {},
    );
    if (store.kind !== "postgres") throw new Error("expected PostgreSQL");
    try {
      const clients = await Promise.all([store.pool.connect(), store.pool.connect()]);
      for (const client of clients) {
        const { rows } = await client.query<{ statement_timeout: string }>("show statement_timeout");
        expect(rows[0]?.statement_timeout).toBe("1234ms");
        client.release();
      }
      await expect(store.pool.query("select pg_sleep(2)")).rejects.toThrow(/statement timeout/);
    } finally {
      await store.close();
    }
  });
});
