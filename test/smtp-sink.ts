import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A mail as the sink received it, parsed from the raw message. */
export type ReceivedMail = {
  to: string[];
  from: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
};

/**
 * A real SMTP server on a free port (no mocked transport): vitest and the e2e harness point
 * SMTP_URL at it. `refuse` makes it answer 451 (try again later) to every message; `stop` and
 * `start` take it down and bring it back on the same port.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  refuse = false;
  port = 0;
  private server?: SMTPServer;
  private waiters: {
    to: string;
    since: number;
    subject?: string;
    resolve: (m: ReceivedMail) => void;
  }[] = [];

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink();
    await sink.start();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      closeTimeout: 500,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          if (this.refuse) {
            callback(Object.assign(new Error("sink is refusing mail for now"), { responseCode: 451 }));
            return;
          }
          const raw = Buffer.concat(chunks).toString("utf8");
          const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          void simpleParser(raw).then((parsed) => {
            this.accept({
              to,
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              messageId: parsed.messageId ?? "",
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              raw,
            });
            callback();
          }, callback);
        });
      },
    });
    server.on("error", () => {}); // a client hanging up mid-message is not the test's failure
    await new Promise<void>((resolve, reject) => {
      server.server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    // Never what keeps a test process alive.
    server.server.unref();
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  private accept(mail: ReceivedMail): void {
    this.received.push(mail);
    const index = this.received.length - 1;
    this.waiters = this.waiters.filter((w) => {
      if (index < w.since || !matches(mail, w.to, w.subject)) return true;
      w.resolve(mail);
      return false;
    });
  }

  /** Mails received for `to` (lower-cased), oldest first. */
  mailsTo(to: string): ReceivedMail[] {
    return this.received.filter((m) => m.to.includes(to.toLowerCase()));
  }

  /**
   * The first mail to `to` (or the first after `since`, an index into `received`: take
   * `received.length` before an action to wait for a mail it causes; or the first whose subject
   * starts with `subject`); rejects after `timeoutMs`.
   */
  waitForMail(
    to: string,
    { timeoutMs = 15_000, since, subject }: { timeoutMs?: number; since?: number; subject?: string } = {},
  ) {
    const address = to.toLowerCase();
    const from = since ?? 0;
    const already = this.received.slice(from).find((m) => matches(m, address, subject));
    if (already) return Promise.resolve(already);
    return new Promise<ReceivedMail>((resolve, reject) => {
      const waiter = { to: address, since: from, subject, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        if (!this.waiters.includes(waiter)) return;
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no mail to ${to} within ${timeoutMs} ms (received: ${this.received.length})`));
      }, timeoutMs).unref();
    });
  }

  /** Takes the server down (connections refused) until `start()` again, on the same port. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const matches = (mail: ReceivedMail, to: string, subject?: string) =>
  mail.to.includes(to) && (subject === undefined || mail.subject.startsWith(subject));

/** The first http(s) link in a mail's text part (received, or an outbox row) that starts with `prefix`. */
export function linkIn(mail: { text: string }, prefix: string): string {
  const link = mail.text.match(/https?:\/\/\S+/g)?.find((l) => l.startsWith(prefix));
  if (!link) throw new Error(`no link starting with ${prefix} in:\n${mail.text}`);
  return link;
}
