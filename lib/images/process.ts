import "server-only";
import sharp from "sharp";
import { contentHash } from "@/db/image-hash";
import { AppError } from "../errors";

/** The upload cap (5 MiB), checked on the bytes received, before anything decodes them. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Longest side of the stored original: enough for a 2x product page, small in the database. */
export const MAX_STORED_SIDE = 1600;
// A 5 MB file can still declare an enormous canvas (a decompression bomb): refuse before decoding.
const MAX_INPUT_PIXELS = 40_000_000;

export type ImageType = "image/jpeg" | "image/png" | "image/webp";

/** The type from the file's first bytes (its signature); the name and the declared type are ignored. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  const at = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  if (at(0, 0xff, 0xd8, 0xff)) return "image/jpeg";
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return "image/webp";
  return null;
}

export type StoredImage = { hash: string; width: number; height: number; bytes: Uint8Array };

/**
 * Checks an upload from its bytes (size, then signature, then a full decode) and makes the stored
 * original: turned upright, metadata (GPS, camera) dropped, at most MAX_STORED_SIDE, WebP.
 */
export async function normaliseUpload(bytes: Uint8Array): Promise<StoredImage & { type: ImageType }> {
  if (bytes.byteLength === 0) throw new AppError("BAD_INPUT", "Choose an image file.", { field: "image" });
  if (bytes.byteLength > MAX_IMAGE_BYTES)
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `The image is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB.`,
      { field: "image" },
    );
  const type = detectImageType(bytes);
  if (!type)
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "The image must be a JPEG, PNG or WebP file.", {
      field: "image",
    });
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
      .rotate()
      .resize(MAX_STORED_SIDE, MAX_STORED_SIDE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 85 })
      .toBuffer({ resolveWithObject: true });
    return { type, hash: contentHash(data), width: info.width, height: info.height, bytes: data };
  } catch (error) {
    throw new AppError("BAD_INPUT", "The image could not be read: the file is damaged or not an image.", {
      field: "image",
      cause: error,
    });
  }
}

/** A copy `width` pixels wide (never enlarged), as served at /images/<hash>/<width>. */
export async function resizeImage(original: Uint8Array, width: number): Promise<Uint8Array> {
  return sharp(original).resize({ width, withoutEnlargement: true }).webp({ quality: 80 }).toBuffer();
}
