// @module-tag pglite
import { sql } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PASSWORD, registeredBrowser, sessionCookie, uniqueEmail } from "@/test/fixtures";
import { outboxMailsTo } from "@/test/outbox";
import { newBrowser, useBrowser } from "@/test/request";
import { linkIn, SmtpSink } from "@/test/smtp-sink";
import { getDb } from "../database";
import { createSmtpTransport, deliverDueMail } from "../mail/deliver";
import { getUser } from "../session";
import { login } from ".";
import { changePassword } from "./account";
import { requestPasswordReset, resetLinkIsUsable, resetPassword } from "./recovery";
import { TOKEN_LIFETIME_MS } from "./tokens";

const NEW_PASSWORD = "a brand new password 42";

beforeAll(async () => {
  await getDb();
});
beforeEach(() => {
  newBrowser();
});

/** Asks for a reset as a fresh browser and returns the token from the mail (or null: no mail). */
async function resetTokenFor(email: string, now?: Date): Promise<string | null> {
  const before = (await outboxMailsTo(email)).length;
  newBrowser();
  const { done } = await requestPasswordReset(email, { now });
  await done;
  const mail = (await outboxMailsTo(email))[before];
  if (!mail) return null;
  expect(mail.kind).toBe("password-reset");
  return new URL(linkIn(mail, "http://localhost:3000/reset-password?token=")).searchParams.get("token");
}

async function canLogIn(email: string, password: string): Promise<boolean> {
  newBrowser();
  return login({ email, password }).then(
    () => true,
    () => false,
  );
}

describe("password reset", () => {
  it("mails a single-use link to an account, over SMTP, and nothing for an unknown address", async () => {
    const sink = await SmtpSink.start();
    try {
      const { email } = await registeredBrowser();
      const unknown = uniqueEmail("nobody");
      await (await requestPasswordReset(email)).done;
      await (await requestPasswordReset(unknown)).done;
      const db = await getDb();
      await deliverDueMail(db, {
        transport: createSmtpTransport(sink.url),
        from: "Keepcart <s@example.test>",
      });
      const mail = await sink.waitForMail(email, { subject: "Reset" });
      expect(mail.subject).toBe("Reset your Keepcart password");
      expect(mail.html).toContain("Keepcart");
      const token = new URL(linkIn(mail, "http://localhost:3000/reset-password?token=")).searchParams.get(
        "token",
      )!;
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 bits
      expect(sink.mailsTo(unknown)).toHaveLength(0);
      // Only the hash is kept: the token appears nowhere in the database (the sent mail was blanked).
      const dump = await db.execute<{ t: string }>(
        sql`select (select string_agg(row_to_json(t)::text, '') from user_tokens t) || (select string_agg(row_to_json(m)::text, '') from mail_outbox m) as t`,
      );
      expect(dump.rows[0]!.t).not.toContain(token);
    } finally {
      await sink.stop();
    }
  });

  it("sets the new password, signs out every session and logs this browser in with a new one", async () => {
    const { email, browser: other, userId } = await registeredBrowser();
    const otherCookie = sessionCookie(other);
    const token = (await resetTokenFor(email))!;
    expect(await resetLinkIsUsable(token)).toBe(true);
    const resetter = newBrowser();
    const result = await resetPassword({ token, password: NEW_PASSWORD });
    expect(result.userId).toBe(userId);
    expect((await getUser())?.email).toBe(email);
    expect(sessionCookie(resetter)).toBeDefined();
    expect(sessionCookie(resetter)).not.toBe(otherCookie);
    useBrowser(other);
    expect(await getUser()).toBeNull(); // the other browser's session was revoked
    expect(await canLogIn(email, PASSWORD)).toBe(false);
    expect(await canLogIn(email, NEW_PASSWORD)).toBe(true);
    const kinds = (await outboxMailsTo(email)).map((m) => m.kind);
    expect(kinds).toEqual(["password-reset", "password-changed"]);
  });

  it("refuses a link the second time", async () => {
    const { email } = await registeredBrowser();
    const token = (await resetTokenFor(email))!;
    await resetPassword({ token, password: NEW_PASSWORD });
    newBrowser();
    await expect(resetPassword({ token, password: "another password 1234" })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
    expect(await canLogIn(email, NEW_PASSWORD)).toBe(true);
  });

  it("refuses a link older than 30 minutes", async () => {
    const { email } = await registeredBrowser();
    const token = (await resetTokenFor(email, new Date(Date.now() - TOKEN_LIFETIME_MS - 1000)))!;
    expect(await resetLinkIsUsable(token)).toBe(false);
    await expect(resetPassword({ token, password: NEW_PASSWORD })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
    expect(await canLogIn(email, PASSWORD)).toBe(true);
  });

  it("refuses a link once the password has changed in another way", async () => {
    const { email, browser } = await registeredBrowser();
    const token = (await resetTokenFor(email))!;
    useBrowser(browser);
    await changePassword({ currentPassword: PASSWORD, password: NEW_PASSWORD });
    newBrowser();
    await expect(resetPassword({ token, password: "the attacker's choice 99" })).rejects.toMatchObject({
      code: "BAD_INPUT",
    });
    expect(await canLogIn(email, NEW_PASSWORD)).toBe(true);
  });

  it("sends at most three links per address per window, with the same answer every time", async () => {
    const { email } = await registeredBrowser();
    const tokens = [];
    for (let i = 0; i < 5; i++) tokens.push(await resetTokenFor(email));
    expect(tokens.filter(Boolean)).toHaveLength(3);
  });
});
