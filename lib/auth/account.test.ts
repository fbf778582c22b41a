// @module-tag pglite
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, registeredBrowser, sessionCookie, uniqueEmail } from "@/test/fixtures";
import { outboxMailsTo } from "@/test/outbox";
import { newBrowser, useBrowser } from "@/test/request";
import { linkIn } from "@/test/smtp-sink";
import { getDb } from "../database";
import { getUser } from "../session";
import { login } from ".";
import { changePassword, confirmEmailChange, pendingEmailChange, requestEmailChange } from "./account";

const NEW_PASSWORD = "another long password 7";

beforeAll(async () => {
  await getDb();
});

async function auditFor(userId: number) {
  const db = await getDb();
  const r = await db.execute<{ action: string; row: string }>(
    sql`select action, row_to_json(a)::text as row from audit_log a where entity = 'user' and entity_id = ${String(userId)} order by id`,
  );
  return r.rows;
}

describe("account changes", () => {
  it("changes the password: this browser stays on a new session, the others are signed out", async () => {
    const { email, browser: here, userId } = await registeredBrowser();
    const elsewhere = newBrowser();
    await login({ email, password: PASSWORD });
    useBrowser(here);
    const before = sessionCookie(here);
    await expect(
      changePassword({ currentPassword: "not my password", password: NEW_PASSWORD }),
    ).rejects.toMatchObject({
      code: "BAD_INPUT",
      details: { field: "currentPassword" },
    });
    await changePassword({ currentPassword: PASSWORD, password: NEW_PASSWORD });
    expect(sessionCookie(here)).not.toBe(before);
    expect((await getUser())?.userId).toBe(userId);
    useBrowser(elsewhere);
    expect(await getUser()).toBeNull();
    const audit = await auditFor(userId);
    expect(audit.map((a) => a.action)).toEqual(["user.password-change"]);
    expect(audit[0]!.row).not.toContain(NEW_PASSWORD);
    expect((await outboxMailsTo(email)).map((m) => m.kind)).toEqual(["password-changed"]);
  });

  it("changes the email once the new address confirms; the old one is told; the link works once", async () => {
    const { email, userId } = await registeredBrowser();
    const newEmail = uniqueEmail("moved");
    await requestEmailChange({ currentPassword: PASSWORD, newEmail });
    const [notice] = await outboxMailsTo(email);
    expect(notice!.kind).toBe("email-change-notice");
    expect(notice!.text).toContain(newEmail);
    const [confirm] = await outboxMailsTo(newEmail);
    const token = new URL(linkIn(confirm!, "http://localhost:3000/confirm-email?token=")).searchParams.get(
      "token",
    )!;
    expect((await getUser())?.email).toBe(email); // nothing changes before the link is followed
    expect(await pendingEmailChange(token)).toBe(newEmail);
    newBrowser(); // the link works from any browser: the token is the proof
    expect(await confirmEmailChange(token)).toEqual({ email: newEmail });
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "BAD_INPUT" });
    newBrowser();
    await login({ email: newEmail, password: PASSWORD });
    expect((await getUser())?.userId).toBe(userId);
    const audit = await auditFor(userId);
    expect(audit.map((a) => a.action)).toEqual(["user.email-change-requested", "user.email-change"]);
    expect(audit.map((a) => a.row).join("")).not.toContain(token);
  });

  it("refuses to move onto an address another account took meanwhile", async () => {
    await registeredBrowser();
    const newEmail = uniqueEmail("contested");
    await requestEmailChange({ currentPassword: PASSWORD, newEmail });
    const [confirm] = await outboxMailsTo(newEmail);
    await registeredBrowser(newEmail);
    const token = new URL(linkIn(confirm!, "http://localhost:3000/confirm-email?token=")).searchParams.get(
      "token",
    )!;
    await expect(confirmEmailChange(token)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
