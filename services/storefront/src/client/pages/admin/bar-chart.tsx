export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly tone?: 'good' | 'bad';
}

const ROW = 34;
const LABEL_WIDTH = 190;
const WIDTH = 640;

/** A horizontal bar chart in SVG; its title and each bar's text make it readable without sight. */
export function BarChart({
  title,
  unit,
  bars,
}: {
  title: string;
  unit: string;
  bars: readonly Bar[];
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const plot = WIDTH - LABEL_WIDTH - 60;
  const height = bars.length * ROW + 8;
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.value} ${unit}`).join(', ')}`}
    >
      {bars.map((bar, i) => {
        const y = i * ROW + 4;
        const width = Math.max(2, (bar.value / max) * plot);
        return (
          <g key={bar.label} class={`bar ${bar.tone ?? ''}`}>
            <text
              x={LABEL_WIDTH - 10}
              y={y + ROW / 2 + 1}
              text-anchor="end"
              dominant-baseline="middle"
            >
              {bar.label.length > 26 ? `${bar.label.slice(0, 25)}…` : bar.label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 4} width={width} height={ROW - 10} rx="3" />
            <text
              x={LABEL_WIDTH + width + 8}
              y={y + ROW / 2 + 1}
              dominant-baseline="middle"
              class="value"
            >
              {bar.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
