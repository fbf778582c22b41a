import type { BenchResults } from "./types";

type Bar = { label: string; value: number; kind: "ours" | "peer" | "bound" };

const COLORS = { ours: "#2563eb", peer: "#d97706", bound: "#9ca3af" };
const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const kindOf = (name: string): Bar["kind"] =>
  name.startsWith("ours") ? "ours" : name.startsWith("peer") ? "peer" : "bound";

/** One chart, two panels: store-level ops/s at concurrency 32, and HTTP req/s. Bars share a scale per panel. */
export function renderSvg(r: BenchResults): string {
  const store: Bar[] = Object.entries(r.store?.["32"] ?? {}).map(([label, c]) => ({
    label,
    value: c.opsPerSec,
    kind: kindOf(label),
  }));
  const http: Bar[] = Object.entries(r.http ?? {}).map(([label, h]) => ({
    label: `ours: ${label}`,
    value: h.requestsPerSec,
    kind: "ours",
  }));
  const width = 840;
  const labelWidth = 300;
  const barHeight = 20;
  const parts: string[] = [];
  let y = 30;
  const panel = (title: string, unit: string, bars: Bar[]) => {
    parts.push(`<text x="10" y="${y}" font-weight="bold">${esc(title)}</text>`);
    y += 12;
    const max = Math.max(1, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
    for (const b of bars) {
      const w = Number.isFinite(b.value) ? ((width - labelWidth - 90) * b.value) / max : 0;
      parts.push(
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${esc(b.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight - 4}" fill="${COLORS[b.kind]}"/>`,
        `<text x="${Math.round(labelWidth + w + 6)}" y="${y + 14}">${Number.isFinite(b.value) ? Math.round(b.value).toLocaleString("en") : "n/a"} ${unit}</text>`,
      );
      y += barHeight;
    }
    y += 24;
  };
  panel(
    `Store level, concurrency 32, ${r.config.sizes[1].toLocaleString("en")} sessions (median of ${r.config.rounds})`,
    "ops/s",
    store,
  );
  panel(`HTTP, production build, ${r.config.httpConnections} connections`, "req/s", http);
  const legend = (["ours", "peer", "bound"] as const)
    .map(
      (k, i) =>
        `<rect x="${10 + i * 280}" y="${y - 10}" width="12" height="12" fill="${COLORS[k]}"/><text x="${28 + i * 280}" y="${y}">${{ ours: "Keepcart", peer: "express-session + connect-pg-simple", bound: "floor / stateless bound" }[k]}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 16}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${parts.join("\n")}
${legend}
</svg>
`;
}
