import { sql } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as variant } from "@/app/images/[hash]/[width]/route";
import { GET as original } from "@/app/images/[hash]/route";
import { getDb } from "../database";
import { detectImageType, MAX_IMAGE_BYTES, normaliseUpload } from "./process";
import { saveImage } from "./store";
import { IMAGE_WIDTHS } from "./urls";

beforeAll(() => getDb(), 180_000);

const picture = (format: "png" | "jpeg" | "webp", width = 1000, height = 700) =>
  sharp({ create: { width, height, channels: 3, background: "#c8643b" } })
    .toFormat(format)
    .toBuffer();

async function get(hash: string, width?: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://shop.test/images/${hash}${width ? `/${width}` : ""}`, { headers });
  return width === undefined
    ? original(request, { params: Promise.resolve({ hash }) })
    : variant(request, { params: Promise.resolve({ hash, width }) });
}

async function stored(): Promise<string> {
  const image = await normaliseUpload(await picture("jpeg", 2400, 1800));
  const db = await getDb();
  await saveImage(db, image);
  return image.hash;
}

describe("upload checks, from the bytes", () => {
  it("knows JPEG, PNG and WebP by their signatures and nothing else", async () => {
    expect(detectImageType(await picture("png"))).toBe("image/png");
    expect(detectImageType(await picture("jpeg"))).toBe("image/jpeg");
    expect(detectImageType(await picture("webp"))).toBe("image/webp");
    expect(detectImageType(new TextEncoder().encode("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(
      detectImageType(
        await sharp(await picture("png"))
          .gif()
          .toBuffer(),
      ),
    ).toBeNull();
  });

  it("stores at most 1600 px, as WebP, named by the hash of what is stored", async () => {
    const image = await normaliseUpload(await picture("png", 3200, 1600));
    expect([image.width, image.height]).toEqual([1600, 800]);
    expect((await sharp(image.bytes).metadata()).format).toBe("webp");
    expect(image.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(image.type).toBe("image/png");
  });

  it("refuses an empty file, one over 5 MB and a picture too large to decode", async () => {
    await expect(normaliseUpload(new Uint8Array())).rejects.toMatchObject({ code: "BAD_INPUT" });
    await expect(normaliseUpload(new Uint8Array(MAX_IMAGE_BYTES + 1))).rejects.toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
    });
    // 10,000 × 10,000 of one colour compresses to a few kB: the pixel limit refuses it, not the size.
    const bomb = await sharp({ create: { width: 10_000, height: 10_000, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    expect(bomb.byteLength).toBeLessThan(MAX_IMAGE_BYTES);
    await expect(normaliseUpload(bomb)).rejects.toMatchObject({ code: "BAD_INPUT" });
  });
});

describe("serving /images/<hash>/<width>", () => {
  it("serves a resized WebP with an immutable year-long cache, made once and then read back", async () => {
    const hash = await stored();
    const response = await get(hash, "640");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/webp");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const etag = response.headers.get("etag");
    expect(etag).toBe(`"${hash}-640"`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "webp", width: 640, height: 480 });

    const db = await getDb();
    const variants = await db.execute<{ width: number }>(
      sql`select v.width from product_image_variants v join product_images i on i.id = v.image_id where i.hash = ${hash}`,
    );
    expect(variants.rows.map((r) => r.width)).toEqual([640]);
    const again = await get(hash, "640");
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    expect((await get(hash, "640", { "if-none-match": etag! })).status).toBe(304);

    const full = await get(hash);
    expect(full.status).toBe(200);
    expect(await sharp(Buffer.from(await full.arrayBuffer())).metadata()).toMatchObject({ width: 1600 });
  });

  it("answers 404, not cached, for an unknown hash, a width the pages never use, or junk", async () => {
    const hash = await stored();
    const unknown = "0".repeat(32);
    for (const [h, w] of [
      [unknown, "640"],
      [unknown, undefined],
      [hash, "641"],
      [hash, "0"],
      [hash, "64.5"],
      [hash, "99999999"],
      ["not-a-hash", "640"],
      [`${hash.slice(0, 31)}%00`, "640"],
    ] as const) {
      const response = await get(h, w);
      expect(response.status, `${h}/${w}`).toBe(404);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    expect(IMAGE_WIDTHS).toContain(640);
  });
});
