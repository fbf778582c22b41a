import { describe, expect, it } from "vitest";
import { actionPlacement, actionTable, workerPattern } from "./action-routes";

const manifest = {
  node: {
    logout: { workers: { "app/page": 0, "app/_not-found/page": 0, "app/admin/page": 0 } },
    login: { workers: { "app/(auth)/login/page": 0, "app/(auth)/register/page": 0 } },
    addToCart: { workers: { "app/products/[slug]/page": 0 } },
    updateProduct: { workers: { "app/admin/products/page": 0 } },
    moveOrder: { workers: { "app/admin/orders/[id]/page": 0 } },
  },
};
const table = actionTable(manifest);

describe("server actions are accepted only at the paths whose page imports them", () => {
  it.each([
    ["updateProduct", "/", "misplaced"],
    ["updateProduct", "/admin/products", "ok"],
    ["moveOrder", "/admin/orders/12", "ok"],
    ["moveOrder", "/admin/orders", "misplaced"],
    ["addToCart", "/products/camp-mug", "ok"],
    ["addToCart", "/products/camp-mug/extra", "misplaced"],
    ["addToCart", "/checkout", "misplaced"],
    ["login", "/login", "ok"],
    ["login", "/register", "ok"],
    ["logout", "/anything/at/all", "ok"],
    ["no-such-action", "/", "unknown"],
  ] as const)("%s at %s is %s", (id, path, expected) => {
    expect(actionPlacement(id, path, table)).toBe(expected);
  });

  it("cannot tell without a manifest (development)", () => {
    expect(actionPlacement("updateProduct", "/", null)).toBeNull();
  });

  it("reads route groups, dynamic and catch-all segments", () => {
    expect(workerPattern("app/(shop)/a/[...rest]/page").test("/a/b/c")).toBe(true);
    expect(workerPattern("app/page").test("/")).toBe(true);
    expect(workerPattern("app/page").test("/x")).toBe(false);
  });
});
