import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import axe from "axe-core";
import { expect, test } from "./fixtures";
import { TEST_ADMIN } from "./harness/app-server";
import { PAGES, seedShop, type Visitor } from "./pages";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
// Set to a folder to keep a full-page screenshot of every page at both widths (to look at them).
const SCREENSHOTS = process.env.KEEPCART_SCREENSHOTS_DIR;

// One server per worker, one seeded state per part, every page: the cost of a new page is a page
// load, not a server. The pages are checked in parts of ten, so the workers share them.
const PART = 10;
for (let from = 0; from < PAGES.length; from += PART) {
  const part = PAGES.slice(from, from + PART);
  test(`every page fits a 390 px phone without sideways scroll, and axe finds no violation: ${part[0]!.name} … ${part.at(-1)!.name}`, async ({
    browser,
    sharedApp: app,
  }) => {
    // About 5 s a page on the 2-core machine at load 10, 8-14 s at load 15-22 (a part took 80-146 s
    // beside the other two); the budget leaves room for a machine at load 25.
    test.setTimeout(240_000);
    const contexts = await visitors(browser, app.url);
    const seed = await seedShop(contexts.shopper.request, contexts.staff.request, contexts.guest.request);
    if (SCREENSHOTS) mkdirSync(SCREENSHOTS, { recursive: true });
    // One tab per visitor, reused: a new tab would be sent axe's 1.5 MB again (see `visitors`).
    const tabs = new Map<Visitor, Page>();

    for (const entry of part) {
      const url = app.url + (typeof entry.path === "string" ? entry.path : entry.path(seed));
      const page = tabs.get(entry.as) ?? (await contexts[entry.as].newPage());
      tabs.set(entry.as, page);
      const screenshot = async () => {
        if (!SCREENSHOTS) return;
        const { width } = page.viewportSize()!;
        await page.screenshot({ path: path.join(SCREENSHOTS, `${entry.name}-${width}.png`), fullPage: true });
      };
      await test.step(`${entry.name} at 390 px`, async () => {
        await page.setViewportSize(PHONE);
        await page.goto(url);
        await entry.after?.(page);
        await screenshot();
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect.soft(width, `${entry.name} (${url}) is ${width} px wide at 390 px`).toBeLessThanOrEqual(390);
      });
      // axe once per page, at desktop width where nothing is tucked away. The same document, widened:
      // the layout follows CSS media queries only (no script reads the width), so a resize reflows it
      // as a load at 1280 px would, without a second load and a second `after`.
      await test.step(`${entry.name}: axe at 1280 px`, async () => {
        await page.setViewportSize(DESKTOP);
        await screenshot();
        const found = (await axeViolations(page)).map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(" | ")})`,
        );
        expect.soft(found, `axe on ${entry.name} (${url})`).toEqual([]);
      });
    }
    for (const context of Object.values(contexts)) await context.close();
  });
}

/**
 * axe-core's default rules on the whole document, violations only: the spec reads nothing else, and
 * axe then builds no node details for the passes. axe enters the page only now (`AXE_LOADER`).
 */
async function axeViolations(page: Page): Promise<axe.Result[]> {
  // In every frame: axe.run asks the frames' own axe for their part.
  for (const frame of page.frames()) await frame.evaluate(() => (globalThis as AxeWindow).__loadAxe?.());
  const { violations } = await page.evaluate(() =>
    (globalThis as AxeWindow).axe.run(document, { resultTypes: ["violations"] }),
  );
  return violations;
}

type AxeWindow = typeof globalThis & { __loadAxe?: () => void; axe: typeof axe };
/**
 * axe-core's source in every document, as a function not yet called: Playwright sends an init script
 * to a tab once, and V8 only pre-parses a function it has not run, so the page runs without axe until
 * it is checked and a load costs about 0.4 s more at load 13 (running the source at every load: 1 s).
 * @axe-core/playwright sent the 1.5 MB source through the DevTools pipe twice per check (to the page,
 * and to a blank page for its `finishRun`): most of a 5-35 s check on this 2-core machine under load
 * (docs/decisions/038).
 */
const AXE_LOADER = `globalThis.__loadAxe = function () {\n${axe.source}\n};`;

/** The four visitors, each able to load axe in any of its documents (`AXE_LOADER`). */
async function visitors(browser: Browser, baseURL: string): Promise<Record<Visitor, BrowserContext>> {
  const headers = { origin: baseURL };
  const contexts: Record<Visitor, BrowserContext> = {
    anonymous: await browser.newContext({ baseURL }),
    guest: await browser.newContext({ baseURL, extraHTTPHeaders: headers }),
    shopper: await browser.newContext({ baseURL, extraHTTPHeaders: headers }),
    staff: await browser.newContext({
      baseURL,
      extraHTTPHeaders: headers,
      httpCredentials: { username: TEST_ADMIN.username, password: TEST_ADMIN.password },
    }),
  };
  for (const context of Object.values(contexts)) await context.addInitScript({ content: AXE_LOADER });
  return contexts;
}
