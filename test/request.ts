/**
 * A stand-in for one HTTP request in unit tests: its headers and a cookie jar that keeps what the
 * code under test sets, like a browser would. Call `newBrowser()` to get a fresh one.
 */
type Cookie = { value: string; options: Record<string, unknown> };

export class TestBrowser {
  readonly jar = new Map<string, Cookie>();
  readonly headers = new Headers({ "user-agent": "vitest", "x-forwarded-for": "203.0.113.7" });
  cookieValue(name: string): string | undefined {
    const c = this.jar.get(name);
    return c && c.value !== "" ? c.value : undefined;
  }
}

let current = new TestBrowser();

export function newBrowser(): TestBrowser {
  current = new TestBrowser();
  return current;
}

export function useBrowser(browser: TestBrowser): void {
  current = browser;
}

export function currentBrowser(): TestBrowser {
  return current;
}
