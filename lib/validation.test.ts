import { describe, expect, it } from "vitest";
import { addressSchema } from "./addresses";
import { hasForbiddenCharacters } from "./validation";

const address = {
  fullName: "Ada Lovelace",
  line1: "1 Main St",
  city: "London",
  postalCode: "N1",
  country: "UK",
};

describe("names and addresses refuse invisible and direction-changing characters", () => {
  it.each([
    ["NUL (C0)", "Ada\u0000"],
    ["newline (C0)", "Ada\nLovelace"],
    ["DEL", "Ada\u007f"],
    ["NEXT LINE (C1)", "Ada\u0085Lovelace"],
    ["C1 CSI", "Ada\u009b"],
    ["RIGHT-TO-LEFT OVERRIDE", "Ada \u202egnp.exe"],
    ["LEFT-TO-RIGHT EMBEDDING", "\u202aAda"],
    ["RIGHT-TO-LEFT ISOLATE", "Ada\u2067x\u2069"],
    ["RIGHT-TO-LEFT MARK", "Ada\u200f"],
    ["ARABIC LETTER MARK", "Ada\u061c"],
    ["ZERO WIDTH SPACE", "Ad\u200ba"],
    ["WORD JOINER", "Ad\u2060a"],
    ["BYTE ORDER MARK", "\ufeffAda"],
    ["SOFT HYPHEN", "Ada\u00adLovelace"],
    ["LINE SEPARATOR", "Ada\u2028Lovelace"],
    ["PARAGRAPH SEPARATOR", "Ada\u2029"],
    ["lone surrogate", "Ada\ud800"],
    ["a joiner at the start", "\u200dAda"],
    ["a joiner after a space", "Ada \u200cLovelace"],
  ])("refuses %s", (_label, value) => {
    expect(hasForbiddenCharacters(value)).toBe(true);
    for (const field of Object.keys(address)) {
      const parsed = addressSchema.safeParse({ ...address, [field]: value });
      expect(parsed.success, field).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/control or invisible characters/);
    }
  });

  it.each([
    ["accents", "Zoë Ångström-Núñez"],
    ["Arabic (right to left, no control characters)", "محمد علي"],
    ["Persian with ZERO WIDTH NON-JOINER", "می\u200cخواهم"],
    ["Devanagari with ZERO WIDTH JOINER", "क्\u200dष"],
    ["an emoji ZWJ sequence", "Ada 👩\u200d💻"],
    ["CJK", "東京都千代田区"],
    ["a no-break space", "Flat\u00a02"],
  ])("accepts %s", (_label, value) => {
    expect(hasForbiddenCharacters(value)).toBe(false);
    expect(addressSchema.safeParse({ ...address, fullName: value }).success).toBe(true);
  });
});
