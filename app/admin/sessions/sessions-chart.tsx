import type { HourBucket } from "@/lib/admin/store-health";
import { formatHour } from "../_components/format";

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { top: 12, right: 8, bottom: 26, left: 36 };

/** A nice round top for the y axis: 1, 2, 5 × 10^n. */
function axisMax(max: number): number {
  if (max <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= max)!;
  return step * magnitude;
}

/** Sessions created per hour, last 24 hours: a server-rendered SVG bar chart, no chart library. */
export function SessionsChart({ buckets }: { buckets: HourBucket[] }) {
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const peak = buckets.reduce((best, b) => (b.count > best.count ? b : best), buckets[0]!);
  const top = axisMax(peak.count);
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / buckets.length;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const ticks = [0, top / 2, top];
  const summary =
    total === 0
      ? "No sessions were created in the last 24 hours."
      : `${total} sessions created in the last 24 hours; the busiest hour was ${formatHour(peak.hourStart)} UTC with ${peak.count}.`;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        className="chart"
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="chart-title chart-desc"
      >
        <title id="chart-title">Sessions created per hour, last 24 hours (UTC)</title>
        <desc id="chart-desc">{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line className="grid" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end">
              {t}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => {
          const h = (b.count / top) * plotH;
          const x = PAD.left + i * slot + slot * 0.15;
          return (
            <g key={b.hourStart.toISOString()}>
              {b.count > 0 && (
                <rect className="bar" x={x} y={y(b.count)} width={slot * 0.7} height={h} rx={2}>
                  <title>{`${formatHour(b.hourStart)} UTC: ${b.count}`}</title>
                </rect>
              )}
              {i % 3 === 0 && (
                <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - 8} textAnchor="middle">
                  {formatHour(b.hourStart)}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="muted form-note">{summary} Counted from the sessions still stored.</figcaption>
    </figure>
  );
}
