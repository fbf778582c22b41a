// @module-tag pglite
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/database";
import { SmtpSink } from "@/test/smtp-sink";
import { createSmtpTransport, deliverDueMail, MAX_ATTEMPTS, retryDelayMs } from "./deliver";
import { enqueueMail } from "./outbox";
import { renderMail } from "./template";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await SmtpSink.start();
  await getDb(); // start (and on PGlite, create) the database outside any one test's time limit
});
afterAll(() => sink.stop());

const FROM = "Keepcart <shop@example.test>";
const deliver = (now = new Date()) =>
  getDb().then((db) => deliverDueMail(db, { transport: createSmtpTransport(sink.url), from: FROM, now }));

function mail(to: string, sensitive = false) {
  const body = renderMail({
    heading: "Hello",
    paragraphs: ["A test mail."],
    action: { label: "Open", url: "http://localhost:3000/x" },
  });
  return { to, kind: "test", subject: "Hello", ...body, sensitive };
}

async function row(id: number) {
  const db = await getDb();
  const r = await db.execute<{
    attempts: number;
    sent_at: Date | null;
    failed_at: Date | null;
    last_error: string | null;
    text_body: string;
    message_id: string;
    next_attempt_at: Date;
  }>(
    sql`select attempts, sent_at, failed_at, last_error, text_body, message_id, next_attempt_at from mail_outbox where id = ${id}`,
  );
  return r.rows[0];
}

const later = (ms: number) => new Date(Date.now() + ms);

describe("mail outbox", () => {
  it("writes a mail only if its transaction commits", async () => {
    const db = await getDb();
    const rolledBack = "rolled-back@example.test";
    await expect(
      db.transaction(async (tx) => {
        await enqueueMail(tx, mail(rolledBack));
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const committed = "committed@example.test";
    const id = await db.transaction((tx) => enqueueMail(tx, mail(committed)));
    const count = await db.execute<{ n: number }>(
      sql`select count(*)::int as n from mail_outbox where to_address in (${rolledBack}, ${committed})`,
    );
    expect(Number(count.rows[0]!.n)).toBe(1);
    await deliver();
    expect(sink.mailsTo(committed)).toHaveLength(1);
    expect(sink.mailsTo(rolledBack)).toHaveLength(0);
    expect((await row(id))!.sent_at).not.toBeNull();
  });

  it("retries a mail the server refused, later, and it arrives once with its Message-ID", async () => {
    const db = await getDb();
    const to = "refused@example.test";
    const id = await enqueueMail(db, mail(to));
    sink.refuse = true;
    try {
      expect(await deliver()).toMatchObject({ sent: 0, failed: 1 });
    } finally {
      sink.refuse = false;
    }
    const failed = (await row(id))!;
    expect(failed).toMatchObject({ attempts: 1, sent_at: null });
    expect(failed.last_error).toMatch(/451/);
    expect(new Date(failed.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: nothing is sent now.
    expect((await deliver()).sent).toBe(0);
    expect(sink.mailsTo(to)).toHaveLength(0);
    expect((await deliver(later(retryDelayMs(1) + 1000))).sent).toBe(1);
    expect((await deliver(later(24 * 3600_000))).sent).toBe(0);
    const got = sink.mailsTo(to);
    expect(got).toHaveLength(1);
    expect(got[0]!.messageId).toBe(failed.message_id);
    expect(got[0]!.text).toContain("A test mail.");
    expect(got[0]!.html).toContain("<h1");
  });

  it("a mail enqueued within the millisecond of a pass is due in that pass", async () => {
    const db = await getDb();
    const to = "same-millisecond@example.test";
    const id = await enqueueMail(db, mail(to));
    const pass = new Date("2030-01-01T00:00:00.000Z");
    // now() has microseconds; the pass's Date only milliseconds.
    await db.execute(
      sql`update mail_outbox set next_attempt_at = '2030-01-01 00:00:00.000400+00' where id = ${id}`,
    );
    expect((await deliver(pass)).sent).toBe(1);
    expect(sink.mailsTo(to)).toHaveLength(1);
  });

  it("retries while the mail server is down and delivers once it is back", async () => {
    const db = await getDb();
    const to = "down@example.test";
    const id = await enqueueMail(db, mail(to));
    await sink.stop();
    try {
      expect(await deliver()).toMatchObject({ sent: 0, failed: 1 });
    } finally {
      await sink.start();
    }
    expect((await row(id))!.last_error).toMatch(/ECONNREFUSED/);
    expect((await deliver(later(retryDelayMs(1) + 1000))).sent).toBe(1);
    expect(sink.mailsTo(to)).toHaveLength(1);
  });

  it("sends each due mail once when several deliverers run at the same time", async () => {
    const db = await getDb();
    const to = (i: number) => `parallel-${i}@example.test`;
    for (let i = 0; i < 6; i++) await enqueueMail(db, mail(to(i)));
    const now = later(48 * 3600_000); // due, whatever earlier tests left scheduled
    const reports = await Promise.all([deliver(now), deliver(now), deliver(now)]);
    expect(reports.reduce((n, r) => n + r.failed + r.gaveUp, 0)).toBe(0);
    for (let i = 0; i < 6; i++) expect(sink.mailsTo(to(i))).toHaveLength(1);
  });

  it("blanks a secret link once delivered", async () => {
    const db = await getDb();
    const to = "secret@example.test";
    const id = await enqueueMail(db, mail(to, true));
    await deliver(later(72 * 3600_000));
    expect(sink.mailsTo(to)[0]!.text).toContain("http://localhost:3000/x");
    expect((await row(id))!.text_body).not.toContain("http://localhost:3000/x");
  });

  it("gives up after the last attempt and keeps the mail for staff to see", async () => {
    const db = await getDb();
    const to = "never@example.test";
    const id = await enqueueMail(db, mail(to));
    await db.execute(sql`update mail_outbox set attempts = ${MAX_ATTEMPTS - 1} where id = ${id}`);
    sink.refuse = true;
    try {
      expect((await deliver(later(96 * 3600_000))).gaveUp).toBe(1);
    } finally {
      sink.refuse = false;
    }
    expect((await row(id))!.failed_at).not.toBeNull();
    expect((await deliver(later(200 * 3600_000))).sent).toBe(0);
    expect(sink.mailsTo(to)).toHaveLength(0);
  });
});
