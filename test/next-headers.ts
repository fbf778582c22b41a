import { currentBrowser } from "./request";

export async function headers(): Promise<Headers> {
  return currentBrowser().headers;
}

export async function cookies() {
  const browser = currentBrowser();
  return {
    get(name: string) {
      const value = browser.cookieValue(name);
      return value === undefined ? undefined : { name, value };
    },
    set(name: string, value: string, options: Record<string, unknown> = {}) {
      if (options.maxAge === 0 || value === "") browser.jar.delete(name);
      else browser.jar.set(name, { value, options });
    },
    delete(name: string) {
      browser.jar.delete(name);
    },
  };
}
