// @module-tag pglite
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { productIdBySlug, registeredBrowser, uniqueEmail } from "@/test/fixtures";
import { ADDRESS } from "@/test/order-fixtures";
import { outboxMailsTo } from "@/test/outbox";
import { newBrowser, useBrowser as switchToBrowser } from "@/test/request";
import { linkIn } from "@/test/smtp-sink";
import { getDb } from "../database";
import { addToMyCart } from "../my-cart";
import { placeGuestOrder } from "../orders/place";
import { listMyOrders } from "../orders/queries";
import { getSession } from "../session";
import {
  confirmAccountEmail,
  emailConfirmedAt,
  pendingAccountConfirmation,
  resendAccountConfirmation,
} from "./confirm";

beforeAll(async () => {
  await getDb();
});

async function guestOrder(email: string): Promise<number> {
  switchToBrowser(newBrowser());
  await addToMyCart({ productId: await productIdBySlug("camp-mug"), quantity: 1 });
  const sessionId = (await getSession())!.id;
  const { orderId } = await placeGuestOrder({
    sessionId,
    email,
    idempotencyKey: randomUUID(),
    address: ADDRESS,
  });
  return orderId;
}

async function confirmationToken(email: string, nth = 0): Promise<string> {
  const mails = (await outboxMailsTo(email, { withConfirmation: true })).filter(
    (m) => m.kind === "account-confirm",
  );
  const link = linkIn(mails[nth]!, "http://localhost:3000/confirm-account?token=");
  return new URL(link).searchParams.get("token")!;
}

describe("confirming the address given at registration", () => {
  it("registration mails a link; guest orders with that address join the account only once it is followed, once", async () => {
    const email = uniqueEmail("confirm");
    const orderId = await guestOrder(email);
    const { userId } = await registeredBrowser(email);
    expect(await emailConfirmedAt(userId)).toBeNull();
    expect(await listMyOrders(userId)).toEqual([]);

    const token = await confirmationToken(email);
    expect(await pendingAccountConfirmation(token)).toBe(email);
    expect(await pendingAccountConfirmation(`${token.slice(0, -1)}x`)).toBeNull();
    // Still not attached: showing the page is not confirming.
    expect(await listMyOrders(userId)).toEqual([]);

    switchToBrowser(newBrowser()); // the link works in any browser
    expect(await confirmAccountEmail(token)).toEqual({ email, attached: [orderId] });
    expect((await listMyOrders(userId)).map((o) => o.id)).toEqual([orderId]);
    expect(await emailConfirmedAt(userId)).toBeInstanceOf(Date);
    await expect(confirmAccountEmail(token)).rejects.toMatchObject({ code: "BAD_INPUT" });
    expect(await pendingAccountConfirmation(token)).toBeNull();
  });

  it("a new link can be asked for until the address is confirmed, then it is refused", async () => {
    const { email, browser } = await registeredBrowser();
    switchToBrowser(browser);
    await resendAccountConfirmation();
    const second = await confirmationToken(email, 1);
    await confirmAccountEmail(second);
    switchToBrowser(browser);
    await expect(resendAccountConfirmation()).rejects.toMatchObject({ code: "CONFLICT" });
    // The first link was not used but the address is confirmed: using it changes nothing and attaches nothing.
    expect((await confirmAccountEmail(await confirmationToken(email, 0))).attached).toEqual([]);
  });
});
