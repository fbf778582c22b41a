import { mkdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext } from "@playwright/test";
import { expect, test } from "./fixtures";
import { TEST_ADMIN } from "./harness/app-server";
import { PAGES, seedShop, type Visitor } from "./pages";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
// Set to a folder to keep a full-page screenshot of every page at both widths (to look at them).
const SCREENSHOTS = process.env.KEEPCART_SCREENSHOTS_DIR;

// One server per worker, one seeded state per part, every page: the cost of a new page is a page
// load, not a server. The pages are checked in parts of ten, so the two workers share them.
const PART = 10;
for (let from = 0; from < PAGES.length; from += PART) {
  const part = PAGES.slice(from, from + PART);
  test(`every page fits a 390 px phone without sideways scroll, and axe finds no violation: ${part[0]!.name} … ${part.at(-1)!.name}`, async ({
    browser,
    sharedApp: app,
  }) => {
    // About 7 s a page alone on the 2-core machine; the budget leaves room for a machine at load 25.
    test.setTimeout(240_000);
    const contexts = await visitors(browser, app.url);
    const seed = await seedShop(contexts.shopper.request, contexts.staff.request, contexts.guest.request);
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });

    for (const entry of part) {
      const url = app.url + (typeof entry.path === "string" ? entry.path : entry.path(seed));
      const page = await contexts[entry.as].newPage();
      const visit = async (viewport: typeof PHONE) => {
        await page.setViewportSize(viewport);
        await page.goto(url);
        await entry.after?.(page);
        if (SCREENSHOTS)
          await page.screenshot({
            path: path.join(SCREENSHOTS, `${entry.name}-${viewport.width}.png`),
            fullPage: true,
          });
      };
      await test.step(`${entry.name} at 390 px`, async () => {
        await visit(PHONE);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect.soft(width, `${entry.name} (${url}) is ${width} px wide at 390 px`).toBeLessThanOrEqual(390);
      });
      // axe once per page, at desktop width where nothing is tucked away: it is the costly part.
      await test.step(`${entry.name}: axe at 1280 px`, async () => {
        await visit(DESKTOP);
        const { violations } = await new AxeBuilder({ page }).analyze();
        const found = violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(" | ")})`,
        );
        expect.soft(found, `axe on ${entry.name} (${url})`).toEqual([]);
      });
      await page.close();
    }
    for (const context of Object.values(contexts)) await context.close();
  });
}

async function visitors(browser: Browser, baseURL: string): Promise<Record<Visitor, BrowserContext>> {
  const headers = { origin: baseURL };
  return {
    anonymous: await browser.newContext({ baseURL }),
    guest: await browser.newContext({ baseURL, extraHTTPHeaders: headers }),
    shopper: await browser.newContext({ baseURL, extraHTTPHeaders: headers }),
    staff: await browser.newContext({
      baseURL,
      extraHTTPHeaders: headers,
      httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
    }),
  };
}
