/**
 * A time series in plain SVG: lines (devices active per day) or bars (devices new per week), several series
 * in distinct colours. A picture for the eye (aria-hidden): the caller shows the same numbers in a table.
 */
import { formatNumber } from '../format.ts';

export interface Series {
  readonly name: string;
  readonly points: readonly { readonly date: string; readonly devices: number }[];
}

const WIDTH = 760;
const HEIGHT = 240;
const PAD = { left: 48, right: 12, top: 10, bottom: 28 };
/** Series colours, as CSS classes (styles.css) so both themes read; more series than this reuse them. */
export const SERIES_CLASSES = ['series-0', 'series-1', 'series-2', 'series-3', 'series-4', 'series-5'];

const dayLabel = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });

export function formatDay(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dayLabel.format(parsed);
}

export function TimeChart({ series, kind, title }: { series: readonly Series[]; kind: 'line' | 'bar'; title: string }) {
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
  const max = niceMax(Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.devices))));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const step = dates.length > 0 ? plotW / dates.length : plotW;
  const xOf = (i: number) => PAD.left + step * i + step / 2;
  const yOf = (v: number) => PAD.top + plotH - (v / max) * plotH;
  const ticks = [0, max / 2, max];
  const labelEvery = Math.max(1, Math.ceil(dates.length / 8));
  const index = new Map(dates.map((d, i) => [d, i]));
  const barW = Math.max(1, (step * 0.8) / Math.max(1, series.length));

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" aria-hidden="true" focusable="false">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={yOf(t)} y2={yOf(t)} className="chart-grid" />
            <text x={PAD.left - 6} y={yOf(t)} textAnchor="end" dominantBaseline="middle" className="chart-label">
              {formatNumber(Math.round(t))}
            </text>
          </g>
        ))}
        {dates.map((d, i) =>
          i % labelEvery === 0 ? (
            <text key={d} x={xOf(i)} y={HEIGHT - 8} textAnchor="middle" className="chart-label">
              {formatDay(d)}
            </text>
          ) : null,
        )}
        {series.map((s, si) => {
          const className = SERIES_CLASSES[si % SERIES_CLASSES.length] ?? 'series-0';
          if (kind === 'bar') {
            return (
              <g key={s.name} className={className}>
                {s.points.map((p) => {
                  const x = xOf(index.get(p.date) ?? 0) - (barW * series.length) / 2 + barW * si;
                  return (
                    <rect
                      key={p.date}
                      x={x}
                      y={yOf(p.devices)}
                      width={barW}
                      height={Math.max(0, plotH + PAD.top - yOf(p.devices))}
                    >
                      <title>{`${s.name}, ${formatDay(p.date)}: ${formatNumber(p.devices)}`}</title>
                    </rect>
                  );
                })}
              </g>
            );
          }
          const path = s.points
            .map(
              (p, i) => `${i === 0 ? 'M' : 'L'}${xOf(index.get(p.date) ?? 0).toFixed(1)},${yOf(p.devices).toFixed(1)}`,
            )
            .join(' ');
          return (
            <g key={s.name} className={className}>
              <path d={path} className="chart-line" />
              {s.points.length <= 62 &&
                s.points.map((p) => (
                  <circle key={p.date} cx={xOf(index.get(p.date) ?? 0)} cy={yOf(p.devices)} r={2.5}>
                    <title>{`${s.name}, ${formatDay(p.date)}: ${formatNumber(p.devices)}`}</title>
                  </circle>
                ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="visually-hidden">{title}</figcaption>
    </figure>
  );
}

/** A round upper bound for the axis: 1, 2 or 5 times a power of ten. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (value <= m * power) return m * power;
  return 10 * power;
}
