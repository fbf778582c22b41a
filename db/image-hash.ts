import { createHash } from "node:crypto";

/** The name of a stored picture: the first 128 bits of the SHA-256 of its bytes, in hex (decision 030). */
export function contentHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 32);
}
