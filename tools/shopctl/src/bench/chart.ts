/** Text charts for the bench report (Markdown code blocks and the terminal). */

/** A Unicode bar chart: one row per entry, bars scaled to the largest value. */
export function barChart(rows: readonly [string, number][], unit: string, width = 40): string {
  const max = Math.max(...rows.map(([, v]) => v), 1e-9);
  const label = Math.max(...rows.map(([l]) => l.length));
  return rows
    .map(([l, v]) => {
      const eighths = Math.round((v / max) * width * 8);
      const bar =
        '█'.repeat(Math.floor(eighths / 8)) + (eighths % 8 ? '▏▎▍▌▋▊▉'[(eighths % 8) - 1] : '');
      return `${l.padEnd(label)}  ${bar} ${v.toFixed(v < 10 ? 1 : 0)} ${unit}`;
    })
    .join('\n');
}

/** A Markdown code fence around `text`. */
export function fence(text: string): string[] {
  return ['```', text, '```'];
}
