import { linkIn } from "../test/smtp-sink";
import { expect, restartTest, test } from "./fixtures";
import { TEST_ADMIN } from "./harness/app-server";
import { addToCart, checkOut, login, register } from "./harness/shopper";

// Each test starts a server, registers, mails and (the first) restarts: generous on a busy machine.
test.describe.configure({ timeout: 240_000 });

const PASSWORD = "correct horse battery staple";
const NEW_PASSWORD = "a new password after the reset";
const uniqueEmail = (label: string) => `${label}-${Math.random().toString(36).slice(2, 10)}@example.test`;

restartTest(
  "forgot password: the mail's link survives a restart, sets a new password without JavaScript, logs in and signs out the other browser",
  async ({ app, browser }) => {
    const sink = app.mail!;
    const email = uniqueEmail("reset");
    const owner = await browser.newContext();
    const ownerPage = await owner.newPage();
    await register(ownerPage, app.url, email, PASSWORD);

    // The resetting browser runs no JavaScript: every form posts as plain HTML.
    const other = await browser.newContext({ javaScriptEnabled: false });
    const page = await other.newPage();
    const ask = async (address: string) => {
      await page.goto(`${app.url}/login`);
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await page.getByLabel("Email").fill(address);
      await page.getByRole("button", { name: "Send me a link" }).click();
      const answer = await page.getByRole("main").getByRole("status").textContent();
      return answer!.replace(address, "<address>");
    };
    const unknown = uniqueEmail("nobody");
    // The same answer whether or not the account exists.
    expect(await ask(unknown)).toBe(await ask(email));

    // The first mail to a new account asks to confirm its address; this is the next.
    const mail = await sink.waitForMail(email, { subject: "Reset" });
    expect(mail.subject).toBe("Reset your Keepcart password");
    expect(mail.html).toContain("Choose a new password");
    const link = linkIn(mail, `${app.url}/reset-password?token=`);

    // Tokens live in the database: a restart between the mail and the click changes nothing.
    await app.restart();

    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set my new password" }).click();
    await expect(page).toHaveURL(/\/account\?password=reset$/);
    await expect(page.getByRole("main").getByRole("status").first()).toContainText(
      "Your new password is set",
    );
    await expect(page.getByRole("link", { name: email })).toBeVisible();

    // The owner's other browser was signed out; the old password no longer opens the account.
    await ownerPage.goto(`${app.url}/account`);
    await expect(ownerPage).toHaveURL(/\/login\?next=%2Faccount$/);
    await ownerPage.getByLabel("Email").fill(email);
    await ownerPage.getByLabel("Password").fill(PASSWORD);
    await ownerPage.getByRole("button", { name: "Log in" }).click();
    await expect(ownerPage.getByRole("main").getByRole("alert")).toContainText("don't match");
    await login(ownerPage, app.url, email, NEW_PASSWORD);

    // The link worked once.
    await page.goto(link);
    await expect(page.getByRole("main").getByRole("alert")).toContainText("expired or was already used");
    expect(sink.mailsTo(unknown)).toHaveLength(0);
    const changed = await sink.waitForMail(email, { since: sink.received.indexOf(mail) + 1 });
    expect(changed.subject).toBe("Your Keepcart password was changed");
    await owner.close();
    await other.close();
  },
);

test("placing an order mails a confirmation with the total; staff read it at /admin/mail on a phone", async ({
  app,
  page,
  browser,
}, testInfo) => {
  const email = uniqueEmail("order");
  await register(page, app.url, email, PASSWORD);
  await addToCart(page, app.url, "headlamp", 2);
  const { orderId, total } = await checkOut(page, app.url);

  const mail = await app.mail!.waitForMail(email, { subject: "Keepcart order" });
  expect(total).toBe("£72.00");
  expect(mail.subject).toBe(`Keepcart order #${orderId} is placed (${total})`);
  expect(mail.text).toContain(`Total: ${total}`);
  expect(linkIn(mail, app.url)).toBe(`${app.url}/orders/${orderId}`);

  const staff = await browser.newContext({
    httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password, send: "always" },
    viewport: { width: 390, height: 844 },
  });
  const admin = await staff.newPage();
  await admin.goto(`${app.url}/admin/mail`);
  await expect(admin.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath("admin-mail.png"), fullPage: true });
  await admin.getByRole("link", { name: mail.subject }).click();
  await expect(admin.getByRole("heading", { level: 1, name: new RegExp(`order #${orderId}`) })).toBeVisible();
  await expect(admin.getByText(mail.messageId)).toBeVisible();
  const frame = admin.frameLocator("iframe[title^='HTML part']");
  await expect(frame.getByText(`Total: ${total}`)).toBeVisible();
  await admin.screenshot({ path: testInfo.outputPath("admin-mail-detail.png"), fullPage: true });
  const width = await admin.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await staff.close();
});
