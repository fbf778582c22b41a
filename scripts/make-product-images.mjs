// Draws the demo catalog's pictures: one simple still life per product (no text), rendered by sharp
// from an SVG drawing to an 800 × 800 WebP in db/seed-images/. Deterministic; run it after changing a
// drawing and commit the output (the seed reads the files, it never draws): `node scripts/make-product-images.mjs`.
import { mkdirSync, writeFileSync } from "node:fs";
import sharp from "sharp";

const out = new URL("../db/seed-images/", import.meta.url);

const shadow = (cx, cy, rx, ry = rx / 6) =>
  `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#000" opacity=".12"/>`;
const metal = (id, a, b) =>
  `<linearGradient id="${id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient>`;
const dots = (x0, y0, cols, rows, step, r, fill) =>
  Array.from({ length: cols * rows }, (_, i) => {
    const x = x0 + (i % cols) * step;
    const y = y0 + Math.floor(i / cols) * step;
    return `<circle cx="${x}" cy="${y}" r="${r}" fill="${fill}"/>`;
  }).join("");
// A seeded pseudo-random sequence, so scattered things (beans, leaves, speckles) land the same every run.
const random = (seed) => () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

/** slug → [background, drawing]. Coordinates are on a 400 × 400 canvas. */
const DRAWINGS = {
  "cast-iron-skillet": [
    "#f1e4d4",
    `${shadow(185, 318, 140, 20)}
    <g transform="rotate(-18 200 200)">
      <rect x="270" y="184" width="120" height="30" rx="14" fill="#2b2b2d"/>
      <circle cx="372" cy="199" r="7" fill="#f1e4d4"/>
      <circle cx="170" cy="200" r="118" fill="#2f2f33"/>
      <circle cx="170" cy="200" r="98" fill="#1d1d20"/>
      <ellipse cx="140" cy="165" rx="40" ry="22" fill="#fff" opacity=".06"/>
    </g>`,
  ],
  "chefs-knife": [
    "#e6ecef",
    `${shadow(200, 300, 160, 14)}
    <defs>${metal("blade", "#f4f6f8", "#9aa3ab")}</defs>
    <g transform="rotate(-28 200 200)">
      <path d="M40 200 Q150 150 260 178 L260 214 L60 214 Q40 212 40 200 Z" fill="url(#blade)" stroke="#7d868e" stroke-width="2"/>
      <rect x="258" y="180" width="110" height="32" rx="12" fill="#5a3b26"/>
      <circle cx="290" cy="196" r="4" fill="#d9d9d9"/><circle cx="320" cy="196" r="4" fill="#d9d9d9"/><circle cx="350" cy="196" r="4" fill="#d9d9d9"/>
    </g>`,
  ],
  "linen-apron": [
    "#dfe8dc",
    `${shadow(200, 362, 110, 12)}
    <path d="M150 70 Q200 30 250 70" fill="none" stroke="#8d7f6a" stroke-width="8"/>
    <path d="M150 70 H250 L252 150 Q300 160 310 170 L300 350 H100 L90 170 Q100 160 148 150 Z" fill="#cdbb9c"/>
    <path d="M92 178 Q40 190 30 230 M308 178 Q360 190 370 230" fill="none" stroke="#8d7f6a" stroke-width="7"/>
    <rect x="150" y="220" width="100" height="70" rx="6" fill="#bba985" stroke="#a8946e" stroke-width="3" stroke-dasharray="6 5"/>
    ${Array.from({ length: 9 }, (_, i) => `<line x1="${110 + i * 22}" y1="170" x2="${108 + i * 22}" y2="345" stroke="#b9a686" stroke-width="1.5" opacity=".6"/>`).join("")}`,
  ],
  "olive-wood-board": [
    "#eef0e4",
    `${shadow(200, 320, 150, 18)}
    <path d="M60 150 Q60 110 110 110 H300 Q330 110 345 130 L380 170 Q390 185 380 200 L345 240 Q330 260 300 260 H110 Q60 260 60 220 Z" fill="#b98a52"/>
    <circle cx="355" cy="185" r="11" fill="#eef0e4"/>
    ${Array.from({ length: 7 }, (_, i) => `<path d="M80 ${130 + i * 19} Q160 ${115 + i * 19 + (i % 2) * 20} 230 ${135 + i * 19} T320 ${128 + i * 19}" fill="none" stroke="#8c6235" stroke-width="2.5" opacity=".55"/>`).join("")}`,
  ],
  "enamel-dutch-oven": [
    "#f6e8e2",
    `${shadow(200, 330, 150, 18)}
    <rect x="50" y="190" width="40" height="24" rx="10" fill="#a23522"/><rect x="310" y="190" width="40" height="24" rx="10" fill="#a23522"/>
    <path d="M80 170 H320 V280 Q320 320 280 320 H120 Q80 320 80 280 Z" fill="#d2462d"/>
    <path d="M70 170 Q200 110 330 170 Z" fill="#b83b26"/>
    <rect x="180" y="118" width="40" height="22" rx="8" fill="#3a3a3a"/>
    <rect x="95" y="190" width="20" height="110" rx="8" fill="#fff" opacity=".12"/>`,
  ],
  "glass-storage-jars": [
    "#e4eef2",
    `${shadow(200, 340, 165, 14)}
    ${[
      [55, 140, 90, 190, "#d9a441"],
      [160, 100, 90, 230, "#7a4a2a"],
      [265, 170, 90, 160, "#e9e1c9"],
    ]
      .map(
        ([x, y, w, h, fill]) => `
      <rect x="${x}" y="${y}" width="${w}" height="${h}" rx="12" fill="#cfe3ea" opacity=".8" stroke="#9fc1cc" stroke-width="3"/>
      <rect x="${x + 6}" y="${y + h * 0.35}" width="${w - 12}" height="${h * 0.62}" rx="8" fill="${fill}"/>
      <rect x="${x - 4}" y="${y - 22}" width="${w + 8}" height="24" rx="6" fill="#c9a46a"/>
      <rect x="${x + 10}" y="${y + 10}" width="10" height="${h - 30}" rx="5" fill="#fff" opacity=".45"/>`,
      )
      .join("")}`,
  ],
  "copper-measuring-cups": [
    "#f2ebe3",
    `${shadow(200, 320, 160, 16)}
    <defs>${metal("copper", "#f0a873", "#9b4f22")}</defs>
    ${[
      [140, 200, 70, -150],
      [230, 170, 55, -60],
      [285, 250, 44, 20],
      [180, 285, 34, 120],
    ]
      .map(
        ([cx, cy, r, a]) => `
      <g transform="rotate(${a} ${cx} ${cy})"><rect x="${cx}" y="${cy - 8}" width="${r + 60}" height="16" rx="8" fill="#b5652f"/></g>
      <circle cx="${cx}" cy="${cy}" r="${r}" fill="url(#copper)"/>
      <circle cx="${cx}" cy="${cy}" r="${r - 10}" fill="#c97b45"/>`,
      )
      .join("")}`,
  ],
  "notebook-dot-grid": [
    "#e9e6f0",
    `${shadow(200, 345, 150, 14)}
    <rect x="62" y="62" width="276" height="286" rx="10" fill="#2f3d5c"/>
    <rect x="70" y="56" width="130" height="284" rx="4" fill="#fbfaf6"/>
    <rect x="200" y="56" width="130" height="284" rx="4" fill="#f6f4ee"/>
    ${dots(86, 76, 7, 15, 17.5, 1.8, "#b7b3a8")}${dots(216, 76, 7, 15, 17.5, 1.8, "#b7b3a8")}
    <rect x="196" y="56" width="8" height="284" fill="#dad6cc"/>
    <rect x="262" y="30" width="10" height="60" fill="#c0392b"/>`,
  ],
  "brass-pen": [
    "#e8eef4",
    `${shadow(200, 300, 150, 12)}
    <defs>${metal("brass", "#f7d98b", "#a57c24")}</defs>
    <g transform="rotate(-35 200 200)">
      <rect x="60" y="186" width="250" height="28" rx="12" fill="url(#brass)"/>
      <path d="M310 188 L350 200 L310 212 Z" fill="#c9a13e"/><circle cx="352" cy="200" r="3" fill="#333"/>
      <rect x="80" y="178" width="90" height="9" rx="4" fill="#b88d2c"/>
      <rect x="200" y="186" width="6" height="28" fill="#8c6a1e"/>
    </g>`,
  ],
  "desk-lamp": [
    "#efeee8",
    `<ellipse cx="250" cy="330" rx="90" ry="60" fill="#ffe9a8" opacity=".55"/>
    ${shadow(120, 352, 80, 10)}
    <ellipse cx="120" cy="340" rx="70" ry="14" fill="#2c2c2c"/>
    <line x1="120" y1="336" x2="170" y2="180" stroke="#3b3b3b" stroke-width="10" stroke-linecap="round"/>
    <line x1="170" y1="180" x2="280" y2="120" stroke="#3b3b3b" stroke-width="10" stroke-linecap="round"/>
    <circle cx="170" cy="180" r="11" fill="#e0a526"/>
    <g transform="rotate(35 285 135)"><path d="M250 120 H320 L340 190 H230 Z" fill="#e0a526"/></g>`,
  ],
  "felt-desk-mat": [
    "#e3e7ea",
    `${shadow(200, 300, 180, 14)}
    <rect x="20" y="130" width="360" height="150" rx="18" fill="#6f7a83"/>
    <rect x="30" y="140" width="340" height="130" rx="12" fill="none" stroke="#8e99a2" stroke-width="2" stroke-dasharray="7 6"/>
    ${dots(40, 150, 33, 11, 10.5, 1.2, "#66717a")}
    <rect x="90" y="175" width="170" height="60" rx="8" fill="#d9d6cf"/>
    ${dots(102, 187, 12, 3, 13, 4.5, "#bdb8ae")}`,
  ],
  "monitor-stand": [
    "#f1ece2",
    `${shadow(200, 320, 170, 14)}
    <path d="M40 300 V230 Q40 200 70 200 H330 Q360 200 360 230 V300" fill="none" stroke="#d6b07c" stroke-width="22"/>
    <path d="M40 300 V230 Q40 200 70 200 H330 Q360 200 360 230 V300" fill="none" stroke="#b98d55" stroke-width="2" stroke-dasharray="1 5"/>
    <rect x="110" y="70" width="180" height="110" rx="8" fill="#222"/><rect x="118" y="78" width="164" height="94" rx="4" fill="#3e6b8a"/>
    <rect x="185" y="180" width="30" height="14" fill="#333"/><rect x="160" y="190" width="80" height="8" rx="3" fill="#333"/>`,
  ],
  "cable-organiser": [
    "#eef0f3",
    `${shadow(200, 290, 170, 14)}
    <rect x="40" y="220" width="320" height="56" rx="12" fill="#f7f7f7" stroke="#d5d8dc" stroke-width="2"/>
    ${["#e76f51", "#f4a261", "#e9c46a", "#2a9d8f", "#264653", "#8d6cab"]
      .map(
        (
          c,
          i,
        ) => `<path d="M${78 + i * 49} 160 Q${58 + i * 49} ${110 - i * 6} ${78 + i * 49} 60" fill="none" stroke="#444" stroke-width="6"/>
      <rect x="${60 + i * 49}" y="196" width="36" height="44" rx="14" fill="${c}"/>
      <circle cx="${78 + i * 49}" cy="205" r="9" fill="#f7f7f7"/>
      <path d="M${78 + i * 49} 160 V205" stroke="#444" stroke-width="6"/>`,
      )
      .join("")}`,
  ],
  "paper-tray": [
    "#f2f1ec",
    `${shadow(200, 320, 160, 16)}
    <path d="M70 170 H330 L350 300 H50 Z" fill="#8fae95"/>
    <path d="M85 150 L315 140 L325 210 L80 222 Z" fill="#fff" stroke="#ddd"/>
    <path d="M90 160 L312 158 L318 215 L86 218 Z" fill="#fbfbf8" stroke="#e5e5e0"/>
    <path d="M50 230 H350 L350 300 H50 Z" fill="#7c9b82"/>
    <rect x="160" y="250" width="80" height="14" rx="7" fill="#6a8870"/>`,
  ],
  "camp-mug": [
    "#e2e9f2",
    `${shadow(190, 330, 120, 14)}
    <path d="M255 170 Q320 170 320 225 Q320 280 255 280" fill="none" stroke="#f4f4f2" stroke-width="20"/>
    <path d="M90 120 H270 L262 300 Q260 320 240 320 H120 Q100 320 98 300 Z" fill="#f4f4f2"/>
    <ellipse cx="180" cy="120" rx="90" ry="16" fill="#1f4e79"/><ellipse cx="180" cy="120" rx="80" ry="11" fill="#5a3722"/>
    ${(() => {
      const r = random(15);
      return Array.from(
        { length: 26 },
        () =>
          `<circle cx="${110 + r() * 140}" cy="${140 + r() * 160}" r="${1.5 + r() * 2}" fill="#1f4e79" opacity=".5"/>`,
      ).join("");
    })()}`,
  ],
  "wool-blanket": [
    "#f0ebe4",
    `${shadow(200, 330, 160, 16)}
    <defs><pattern id="plaid" width="60" height="60" patternUnits="userSpaceOnUse">
      <rect width="60" height="60" fill="#c9b79c"/>
      <rect x="0" y="22" width="60" height="16" fill="#8a6e4b" opacity=".55"/>
      <rect x="22" y="0" width="16" height="60" fill="#8a6e4b" opacity=".55"/>
      <rect x="0" y="28" width="60" height="4" fill="#f4efe6"/><rect x="28" y="0" width="4" height="60" fill="#f4efe6"/>
    </pattern></defs>
    <rect x="60" y="230" width="280" height="80" rx="22" fill="url(#plaid)"/>
    <rect x="70" y="165" width="260" height="72" rx="22" fill="url(#plaid)"/>
    <rect x="80" y="105" width="240" height="66" rx="22" fill="url(#plaid)"/>
    <rect x="60" y="230" width="280" height="80" rx="22" fill="#000" opacity=".08"/>`,
  ],
  headlamp: [
    "#e6e9e4",
    `${shadow(200, 320, 150, 14)}
    <ellipse cx="200" cy="210" rx="150" ry="95" fill="none" stroke="#e85d2a" stroke-width="26"/>
    <ellipse cx="200" cy="210" rx="150" ry="95" fill="none" stroke="#b8451c" stroke-width="2" stroke-dasharray="10 8"/>
    <rect x="145" y="262" width="110" height="70" rx="16" fill="#333"/>
    <circle cx="200" cy="297" r="25" fill="#fff6c8"/><circle cx="200" cy="297" r="16" fill="#ffe98a"/>
    <circle cx="238" cy="276" r="6" fill="#d33"/>`,
  ],
  "trail-bottle": [
    "#dfeeea",
    `${shadow(200, 360, 70, 10)}
    <defs>${metal("teal", "#3aa39a", "#1b5e58")}</defs>
    <rect x="145" y="100" width="110" height="255" rx="34" fill="url(#teal)"/>
    <rect x="168" y="62" width="64" height="44" rx="10" fill="#2b2b2b"/>
    <path d="M232 72 Q270 70 268 96 Q266 112 232 100" fill="none" stroke="#2b2b2b" stroke-width="8"/>
    <rect x="160" y="130" width="14" height="200" rx="7" fill="#fff" opacity=".25"/>`,
  ],
  "folding-stool": [
    "#eeeae3",
    `${shadow(200, 345, 140, 12)}
    <line x1="100" y1="340" x2="290" y2="150" stroke="#d8b586" stroke-width="16" stroke-linecap="round"/>
    <line x1="300" y1="340" x2="110" y2="150" stroke="#c9a26f" stroke-width="16" stroke-linecap="round"/>
    <circle cx="200" cy="245" r="7" fill="#666"/>
    <path d="M95 140 Q200 175 305 140 L305 160 Q200 195 95 160 Z" fill="#4f6d5a"/>
    <rect x="88" y="134" width="224" height="12" rx="6" fill="#c9a26f"/>`,
  ],
  "canvas-daypack": [
    "#efece4",
    `${shadow(200, 355, 120, 12)}
    <path d="M150 90 Q200 40 250 90" fill="none" stroke="#5b3a22" stroke-width="10"/>
    <path d="M100 120 Q100 85 140 85 H260 Q300 85 300 120 V330 Q300 350 280 350 H120 Q100 350 100 330 Z" fill="#8a8f5e"/>
    <path d="M100 125 Q100 90 140 90 H260 Q300 90 300 125 V200 Q200 225 100 200 Z" fill="#747a4b"/>
    <rect x="140" y="180" width="22" height="80" rx="4" fill="#5b3a22"/><rect x="238" y="180" width="22" height="80" rx="4" fill="#5b3a22"/>
    <rect x="143" y="240" width="16" height="12" fill="none" stroke="#c9a64a" stroke-width="3"/><rect x="241" y="240" width="16" height="12" fill="none" stroke="#c9a64a" stroke-width="3"/>
    <rect x="130" y="280" width="140" height="50" rx="8" fill="#7e8454"/>`,
  ],
  "pocket-knife": [
    "#e9efe9",
    `${shadow(200, 290, 150, 12)}
    <defs>${metal("steel", "#e9ecef", "#7f8a93")}</defs>
    <path d="M200 214 L330 140 Q350 132 352 150 L220 236 Z" fill="url(#steel)" stroke="#6c757d" stroke-width="2"/>
    <rect x="50" y="205" width="180" height="46" rx="22" fill="#a0703f"/>
    <rect x="50" y="205" width="180" height="46" rx="22" fill="none" stroke="#c6c6c6" stroke-width="5"/>
    <circle cx="80" cy="228" r="5" fill="#c6c6c6"/><circle cx="205" cy="228" r="5" fill="#c6c6c6"/>
    ${Array.from({ length: 5 }, (_, i) => `<path d="M${70 + i * 30} 212 Q${80 + i * 30} 228 ${70 + i * 30} 244" fill="none" stroke="#7c5430" stroke-width="2" opacity=".6"/>`).join("")}`,
  ],
  "pour-over-dripper": [
    "#f3ede6",
    `${shadow(200, 350, 110, 12)}
    <path d="M130 250 H270 L260 340 H140 Z" fill="#d9e6ec" opacity=".9" stroke="#aac3cd" stroke-width="3"/>
    <path d="M148 280 H252 L246 336 H154 Z" fill="#6b3e20"/>
    <rect x="110" y="232" width="180" height="18" rx="6" fill="#f7f7f5" stroke="#ddd"/>
    <path d="M100 100 H300 L235 235 H165 Z" fill="#fafaf8" stroke="#ddd" stroke-width="2"/>
    ${Array.from({ length: 5 }, (_, i) => `<path d="M${140 + i * 30} 112 Q${170 + i * 15} 170 ${175 + i * 12} 228" fill="none" stroke="#e2e0da" stroke-width="3"/>`).join("")}
    <path d="M290 125 Q340 140 300 190" fill="none" stroke="#fafaf8" stroke-width="16"/>`,
  ],
  "burr-grinder": [
    "#ece7e1",
    `${shadow(190, 355, 100, 12)}
    <defs>${metal("steel2", "#f1f3f4", "#8e979e")}</defs>
    <rect x="140" y="120" width="100" height="230" rx="14" fill="url(#steel2)"/>
    <rect x="140" y="250" width="100" height="60" fill="#5b3a22"/>
    <rect x="150" y="104" width="80" height="20" rx="6" fill="#444"/>
    <line x1="190" y1="104" x2="190" y2="84" stroke="#444" stroke-width="8"/>
    <line x1="190" y1="84" x2="300" y2="70" stroke="#333" stroke-width="9" stroke-linecap="round"/>
    <circle cx="302" cy="70" r="16" fill="#5b3a22"/>
    <rect x="152" y="140" width="10" height="100" rx="5" fill="#fff" opacity=".5"/>`,
  ],
  "gooseneck-kettle": [
    "#e7ecf1",
    `${shadow(200, 345, 150, 14)}
    <path d="M90 335 Q70 210 150 170 H250 Q330 210 310 335 Z" fill="#2d2d30"/>
    <path d="M100 300 Q90 260 60 180 Q55 150 30 140" fill="none" stroke="#2d2d30" stroke-width="12" stroke-linecap="round"/>
    <path d="M300 200 Q370 200 360 280 Q355 320 305 320" fill="none" stroke="#8a5a36" stroke-width="18"/>
    <ellipse cx="200" cy="170" rx="58" ry="12" fill="#444"/><circle cx="200" cy="150" r="12" fill="#8a5a36"/>
    <circle cx="200" cy="240" r="24" fill="#f1f1f1"/><line x1="200" y1="240" x2="214" y2="228" stroke="#c0392b" stroke-width="3"/>`,
  ],
  "sencha-green-tea": [
    "#eef3e4",
    `${shadow(170, 340, 100, 12)}
    <rect x="100" y="110" width="140" height="225" rx="10" fill="#5f7f3a"/>
    <rect x="96" y="96" width="148" height="30" rx="8" fill="#3f5a24"/>
    <circle cx="170" cy="220" r="40" fill="#eef3e4" opacity=".9"/><circle cx="170" cy="220" r="30" fill="#a9c27a"/>
    ${(() => {
      const r = random(7);
      return Array.from({ length: 12 }, () => {
        const x = 250 + r() * 110;
        const y = 250 + r() * 90;
        return `<ellipse cx="${x}" cy="${y}" rx="14" ry="5" transform="rotate(${r() * 180} ${x} ${y})" fill="#6e9a3c"/>`;
      }).join("");
    })()}`,
  ],
  "house-espresso-beans": [
    "#efe8df",
    `${shadow(180, 345, 120, 12)}
    <path d="M100 120 L120 90 H240 L260 120 V335 H100 Z" fill="#1e1e1e"/>
    <rect x="118" y="90" width="124" height="14" fill="#c0392b"/>
    <rect x="130" y="180" width="100" height="90" rx="4" fill="#d9c7a7"/>
    <circle cx="180" cy="225" r="26" fill="#6b3e20"/>
    ${(() => {
      const r = random(3);
      return Array.from({ length: 14 }, () => {
        const x = 270 + r() * 100;
        const y = 260 + r() * 90;
        return `<g transform="rotate(${r() * 180} ${x} ${y})"><ellipse cx="${x}" cy="${y}" rx="12" ry="8" fill="#5a3218"/><path d="M${x - 10} ${y} Q${x} ${y - 4} ${x + 10} ${y}" stroke="#2e190b" stroke-width="2" fill="none"/></g>`;
      }).join("");
    })()}`,
  ],
  "tea-infuser": [
    "#e9f0ee",
    `${shadow(200, 335, 110, 12)}
    <defs><pattern id="mesh" width="8" height="8" patternUnits="userSpaceOnUse"><path d="M0 0 L8 8 M8 0 L0 8" stroke="#9aa5ab" stroke-width="1"/></pattern></defs>
    <path d="M120 170 H280 L262 300 Q258 320 238 320 H162 Q142 320 138 300 Z" fill="#d7dde0"/>
    <path d="M120 170 H280 L262 300 Q258 320 238 320 H162 Q142 320 138 300 Z" fill="url(#mesh)"/>
    <rect x="80" y="150" width="240" height="26" rx="13" fill="#b8c1c6"/>
    <path d="M80 163 Q40 163 50 130" fill="none" stroke="#b8c1c6" stroke-width="8"/>
    <path d="M320 163 Q360 163 350 130" fill="none" stroke="#b8c1c6" stroke-width="8"/>`,
  ],
  "stoneware-teapot": [
    "#f0eae6",
    `${shadow(200, 340, 140, 14)}
    <path d="M110 230 Q70 200 40 150 Q55 150 70 165 Q100 190 120 200" fill="#3d6e8c"/>
    <path d="M290 190 Q360 190 350 260 Q345 300 290 290" fill="none" stroke="#3d6e8c" stroke-width="18"/>
    <ellipse cx="200" cy="250" rx="110" ry="90" fill="#3d6e8c"/>
    <ellipse cx="200" cy="170" rx="60" ry="14" fill="#2f5870"/><circle cx="200" cy="150" r="14" fill="#2f5870"/>
    <path d="M100 250 Q200 290 300 250" fill="none" stroke="#e6dccf" stroke-width="5" opacity=".7"/>
    <ellipse cx="160" cy="215" rx="25" ry="12" fill="#fff" opacity=".12"/>`,
  ],
};

mkdirSync(out, { recursive: true });
for (const [slug, [background, drawing]] of Object.entries(DRAWINGS)) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" width="800" height="800">
<rect width="400" height="400" fill="${background}"/>${drawing}</svg>`;
  const webp = await sharp(Buffer.from(svg)).webp({ quality: 85 }).toBuffer();
  writeFileSync(new URL(`${slug}.webp`, out), webp);
}
console.log(`wrote ${Object.keys(DRAWINGS).length} images to db/seed-images/`);
