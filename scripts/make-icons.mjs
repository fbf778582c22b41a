// Draws the shop's icons into app/ (Next serves them by file convention): icon.svg, a 32 px
// favicon.ico (one PNG inside an ICO header) and a 180 px apple-icon.png. Run once; output committed.
import { writeFileSync } from "node:fs";
import sharp from "sharp";

const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<title>Keepcart</title>
<rect width="64" height="64" rx="14" fill="#8a4b2a"/>
<path d="M22 26 V21 a10 10 0 0 1 20 0 V26" fill="none" stroke="#faf7f2" stroke-width="4" stroke-linecap="round"/>
<path d="M14 26 H50 L47 52 a4 4 0 0 1 -4 3.5 H21 a4 4 0 0 1 -4 -3.5 Z" fill="#faf7f2"/>
<circle cx="32" cy="40" r="5" fill="#8a4b2a"/>
</svg>
`;
const app = (name) => new URL(`../app/${name}`, import.meta.url);
writeFileSync(app("icon.svg"), svg);
writeFileSync(
  app("apple-icon.png"),
  await sharp(Buffer.from(svg), { density: 300 }).resize(180, 180).png().toBuffer(),
);
const png = await sharp(Buffer.from(svg), { density: 72 }).resize(32, 32).png().toBuffer();
// ICO: 6-byte header, one 16-byte directory entry, then the PNG itself (every browser reads PNG-in-ICO).
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(1, 4);
header.writeUInt8(32, 6);
header.writeUInt8(32, 7);
header.writeUInt16LE(1, 10);
header.writeUInt16LE(32, 12);
header.writeUInt32LE(png.length, 14);
header.writeUInt32LE(22, 18);
writeFileSync(app("favicon.ico"), Buffer.concat([header, png]));
console.log("wrote app/icon.svg, app/favicon.ico, app/apple-icon.png");
