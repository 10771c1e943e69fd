import { PROCESS_SUM, WHOLE_MACHINE } from './cpu';

/** One column of the CPU table: a run's label and its CPU ms per order by process. */
export type CpuColumn = readonly [string, Readonly<Record<string, number>>];

/**
 * The CPU ms per order table (a row per process, a column per run), the process rows first,
 * then the bench client, their sum and the whole machine, then how much of the machine the
 * rows account for.
 */
export function cpuTable(columns: readonly CpuColumn[]): string[] {
  const names = [...new Set(columns.flatMap(([, cpu]) => Object.keys(cpu)))];
  const last = (n: string) => (n.startsWith('(') ? 1 : 0);
  names.sort((a, b) => last(a) - last(b));
  const cell = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
  const covered = columns.flatMap(([label, cpu]) => {
    const sum = cpu[PROCESS_SUM];
    const machine = cpu[WHOLE_MACHINE];
    if (sum === undefined || !machine) return [];
    return [`${label} ${sum.toFixed(1)} of ${machine.toFixed(1)} ms (${pct(sum / machine)})`];
  });
  return [
    `| process | ${columns.map(([label]) => label).join(' | ')} |`,
    `|---|${columns.map(() => '---').join('|')}|`,
    ...names.map((n) => `| ${n} | ${columns.map(([, cpu]) => cell(cpu[n])).join(' | ')} |`),
    '',
    `The process rows add up to ${covered.join(', ') || '-'} of the whole machine's CPU per order; the rest is the kernel, the tools and whatever else shares the box. \`postgresql\` is the whole server (postmaster, every backend, WAL writer, checkpointer), so on a shared box it also holds other clients' queries; "this stack's backends" is the part connected to the run's own databases.`,
  ];
}

function pct(x: number): string {
  return `${Math.round(x * 100)} %`;
}
