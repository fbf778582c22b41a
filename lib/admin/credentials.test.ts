import { describe, expect, it } from "vitest";
import { hashPassword } from "../auth/password";
import { adminConfigWarnings, parseAdminUsers, parseBasicAuth, verifyAdminCredentials } from "./credentials";

const aliceHash = await hashPassword("alice-password-1");

describe("ADMIN_USERS parsing", () => {
  it("reads hashed and (outside production) plain secrets, trimming spaces", async () => {
    const config = parseAdminUsers(` alice:${aliceHash} , bob:bob-plain:with-colon `, false);
    expect(config.problems).toEqual([]);
    expect(config.users.map((u) => u.username)).toEqual(["alice", "bob"]);
    expect(await config.users[0]!.hash).toBe(aliceHash);
    // A plain password may contain ":" (the name ends at the first one) and is hashed, never kept as is.
    const bobHash = await config.users[1]!.hash;
    expect(bobHash).toMatch(/^scrypt\$/);
    expect(await verifyAdminCredentials(config.users, "bob", "bob-plain:with-colon")).toBe("bob");
  });

  it("refuses plain passwords in production and says how to make a hash", () => {
    const config = parseAdminUsers(`alice:${aliceHash},bob:hunter2`, true);
    expect(config.users.map((u) => u.username)).toEqual(["alice"]);
    expect(config.problems).toHaveLength(1);
    expect(config.problems[0]).toContain("(bob)");
    expect(config.problems[0]).toContain("npm run admin:hash");
    expect(config.problems[0]).not.toContain("hunter2");
  });

  it("leaves out malformed entries, duplicates and hashes damaged by $-expansion, never echoing a secret", () => {
    const damaged = aliceHash.replace(/\$[^$]+\$[^$]+$/, ""); // what "$salt$hash" expanded to nothing leaves
    const config = parseAdminUsers(
      `nocolon, :secret-only,bad name:pw,carol:${damaged},alice:pw1,alice:pw2`,
      false,
    );
    expect(config.users.map((u) => u.username)).toEqual(["alice"]);
    expect(config.problems).toHaveLength(5);
    expect(config.problems.join("\n")).toMatch(/damaged/);
    expect(config.problems.join("\n")).toMatch(/listed twice/);
    expect(config.problems.join("\n")).not.toMatch(/pw1|pw2|secret-only/);
  });

  it("warns, with what to set, when no staff can sign in", () => {
    for (const value of [undefined, "", " , "]) {
      const warnings = adminConfigWarnings(parseAdminUsers(value, true));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain("answers 401 to everyone");
      expect(warnings[0]).toContain("ADMIN_USERS='alice:<scrypt hash>'");
    }
    expect(adminConfigWarnings(parseAdminUsers(`alice:${aliceHash}`, true))).toEqual([]);
  });
});

describe("Authorization header", () => {
  const basic = (s: string) => `Basic ${Buffer.from(s).toString("base64")}`;

  it("decodes name and password; the password may contain colons", () => {
    expect(parseBasicAuth(basic("alice:pa:ss"))).toEqual({ username: "alice", password: "pa:ss" });
    expect(parseBasicAuth(basic("alice:"))).toEqual({ username: "alice", password: "" });
  });

  it("treats missing, other schemes and garbage as no credentials", () => {
    for (const header of [null, "", "Bearer abc", "Basic", "Basic !!!", basic("no-colon"), basic(":pw")]) {
      expect(parseBasicAuth(header)).toBeNull();
    }
  });
});

// Each check is a full scrypt (32 MiB, deliberately slow): a dozen of them on a machine busy with a
// second copy of the suite can pass the default 30 s.
describe("constant-time credential check", { timeout: 120_000 }, () => {
  const { users } = parseAdminUsers(`alice:${aliceHash},bob:bob-password-22`, false);

  it("accepts exactly the right name and password", async () => {
    expect(await verifyAdminCredentials(users, "alice", "alice-password-1")).toBe("alice");
    expect(await verifyAdminCredentials(users, "bob", "bob-password-22")).toBe("bob");
    expect(await verifyAdminCredentials(users, "alice", "bob-password-22")).toBeNull();
    expect(await verifyAdminCredentials(users, "bob", "alice-password-1")).toBeNull();
    for (const name of ["alic", "alice ", "Alice", "alicee", ""]) {
      expect(await verifyAdminCredentials(users, name, "alice-password-1")).toBeNull();
    }
    expect(await verifyAdminCredentials([], "alice", "alice-password-1")).toBeNull();
  });

  it("spends a full password check on an unknown name, so timing does not reveal which names exist", async () => {
    // Interleaved, so a burst of load on a busy machine (a second copy of the suite) lands on both
    // kinds alike: measured one kind after the other, the medians once differed 4.5 to 1 by load alone.
    const wrong: number[] = [];
    const unknown: number[] = [];
    const time = async (fn: () => Promise<unknown>) => {
      const started = performance.now();
      await fn();
      return performance.now() - started;
    };
    for (let i = 0; i < 7; i++) {
      wrong.push(await time(() => verifyAdminCredentials(users, "alice", "nope")));
      unknown.push(await time(() => verifyAdminCredentials(users, "mallory", "nope")));
    }
    const median = (times: number[]) => times.sort((a, b) => a - b)[3]!;
    const wrongPassword = median(wrong);
    const unknownName = median(unknown);
    // Without the dummy hash an unknown name would answer in microseconds; scrypt takes tens of ms.
    expect(wrongPassword).toBeGreaterThan(10);
    expect(unknownName).toBeGreaterThan(wrongPassword * 0.4);
  });
});
