import { describe, expect, it } from "vitest";
import { retryWithBackoff } from "./retry";

describe("retryWithBackoff", () => {
  it("backs off exponentially with jitter and succeeds once the call does", async () => {
    const delays: number[] = [];
    let calls = 0;
    const value = await retryWithBackoff(
      async () => {
        calls++;
        if (calls < 4) throw new Error("not yet");
        return "up";
      },
      { maxWaitMs: 60_000, sleep: async (ms) => void delays.push(ms), random: () => 1 },
    );
    expect(value).toBe("up");
    expect(delays).toEqual([250, 500, 1000]);
  });

  it("gives up when the total wait would pass the bound, with the last error", async () => {
    const delays: number[] = [];
    await expect(
      retryWithBackoff(
        async () => {
          throw new Error("down");
        },
        { maxWaitMs: 2000, sleep: async (ms) => void delays.push(ms), random: () => 0.5 },
      ),
    ).rejects.toThrow("down");
    expect(delays.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(2000);
    expect(delays.length).toBeGreaterThan(2);
  });

  it("makes exactly one attempt when no wait is allowed", async () => {
    let calls = 0;
    await expect(
      retryWithBackoff(
        async () => {
          calls++;
          throw new Error("down");
        },
        { maxWaitMs: 0 },
      ),
    ).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
