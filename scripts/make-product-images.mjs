// Draws one SVG per product into public/products/ (run once; the output is committed).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

const source = readFileSync(new URL("../db/catalog.ts", import.meta.url), "utf8");
const products = [...source.matchAll(/slug: "([^"]+)", name: "([^"]+)", category: "([^"]+)"/g)].map((m) => ({
  slug: m[1],
  name: m[2],
  category: m[3],
}));
const palette = {
  kitchen: ["#f3e3d3", "#c8643b", "#7a3b22"],
  desk: ["#e3e8ef", "#4a6fa5", "#23395b"],
  outdoors: ["#e2ecdf", "#5b8c51", "#2f4f2a"],
  "tea-coffee": ["#efe6da", "#8c6239", "#4a2f1b"],
};
const shapes = [
  (c) =>
    `<circle cx="200" cy="190" r="95" fill="${c[1]}"/><circle cx="200" cy="190" r="55" fill="${c[0]}" opacity=".55"/>`,
  (c) =>
    `<rect x="105" y="95" width="190" height="190" rx="28" fill="${c[1]}"/><rect x="145" y="135" width="110" height="110" rx="16" fill="${c[0]}" opacity=".5"/>`,
  (c) =>
    `<path d="M200 80 L315 290 H85 Z" fill="${c[1]}"/><circle cx="200" cy="225" r="38" fill="${c[0]}" opacity=".6"/>`,
  (c) =>
    `<ellipse cx="200" cy="195" rx="125" ry="80" fill="${c[1]}"/><rect x="170" y="95" width="60" height="70" rx="10" fill="${c[2]}"/>`,
];
mkdirSync(new URL("../public/products/", import.meta.url), { recursive: true });
products.forEach((p, i) => {
  const c = palette[p.category];
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img" aria-label="${p.name}">
<rect width="400" height="400" fill="${c[0]}"/>
${shapes[i % shapes.length](c)}
<text x="200" y="350" text-anchor="middle" font-family="Georgia, serif" font-size="26" fill="${c[2]}">${p.name.replace("&", "&amp;")}</text>
</svg>
`;
  writeFileSync(new URL(`../public/products/${p.slug}.svg`, import.meta.url), svg);
});
console.log(`wrote ${products.length} images`);
