/**
 * Horizontal stacked bars in plain SVG: one bar per row (a product, a group, a site), one segment per part
 * (compliant, not compliant, no policy). The SVG is a picture for the eye (aria-hidden); the table beside it,
 * which the caller renders, carries the same numbers for everyone else.
 */
import { formatNumber } from '../format.ts';

export interface StackPart<K extends string> {
  readonly key: K;
  readonly label: string;
  /** A CSS class giving the segment's fill (styles.css), so light and dark themes both read. */
  readonly className: string;
}

export interface StackRow<K extends string> {
  readonly id: string;
  readonly label: string;
  readonly values: Readonly<Record<K, number>>;
}

const ROW_HEIGHT = 26;
const LABEL_WIDTH = 200;
const TOTAL_WIDTH = 70;
const WIDTH = 720;

export function StackedBars<K extends string>({
  rows,
  parts,
  title,
}: {
  rows: readonly StackRow<K>[];
  parts: readonly StackPart<K>[];
  title: string;
}) {
  const totals = rows.map((r) => parts.reduce((sum, p) => sum + r.values[p.key], 0));
  const max = Math.max(1, ...totals);
  const barWidth = WIDTH - LABEL_WIDTH - TOTAL_WIDTH;
  const height = rows.length * ROW_HEIGHT + 4;
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
        aria-hidden="true"
        focusable="false"
      >
        {rows.map((row, i) => {
          let x = LABEL_WIDTH;
          const y = i * ROW_HEIGHT + 4;
          return (
            <g key={row.id}>
              <text
                x={LABEL_WIDTH - 8}
                y={y + ROW_HEIGHT / 2}
                textAnchor="end"
                dominantBaseline="middle"
                className="chart-label"
              >
                {truncate(row.label, 28)}
              </text>
              {parts.map((part) => {
                const w = (row.values[part.key] / max) * barWidth;
                const rect = w > 0 && (
                  <rect key={part.key} x={x} y={y + 3} width={w} height={ROW_HEIGHT - 8} className={part.className}>
                    <title>{`${row.label}: ${part.label} ${formatNumber(row.values[part.key])}`}</title>
                  </rect>
                );
                x += w;
                return rect;
              })}
              <text x={x + 6} y={y + ROW_HEIGHT / 2} dominantBaseline="middle" className="chart-value">
                {formatNumber(totals[i] ?? 0)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="visually-hidden">{title}</figcaption>
      <Legend parts={parts} />
    </figure>
  );
}

export function Legend({ parts }: { parts: readonly { label: string; className: string }[] }) {
  return (
    <ul className="legend" aria-hidden="true">
      {parts.map((p) => (
        <li key={p.label}>
          <svg width="12" height="12" aria-hidden="true" focusable="false">
            <rect width="12" height="12" rx="2" className={p.className} />
          </svg>
          {p.label}
        </li>
      ))}
    </ul>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
