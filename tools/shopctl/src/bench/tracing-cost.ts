import { PROCESS_SUM, STACK_BACKENDS, WHOLE_MACHINE } from './cpu';
import { ms, type SagaFigures } from './report';

/** Rows that are not one of the shop's service processes. */
const NOT_SERVICES = new Set(['rabbitmq', 'postgresql', 'jaeger', STACK_BACKENDS]);

/** CPU ms per order of the shop's service processes together. */
export function servicesCpu(cpu: Readonly<Record<string, number>>): number {
  return Object.entries(cpu)
    .filter(([name]) => !NOT_SERVICES.has(name) && !name.startsWith('('))
    .reduce((sum, [, v]) => sum + v, 0);
}

/** Tracing off against on, same mode and load, CPU ms per confirmed order. */
export function tracingCost(off: SagaFigures, on: SagaFigures) {
  const row = (name: string, of: (s: SagaFigures) => number | undefined) => {
    const [a, b] = [of(off), of(on)];
    return { name, off: a, on: b };
  };
  const cpu = (name: string) => (s: SagaFigures) => s.cpuMsPerOrder[name];
  return [
    row('the service processes', (s) => servicesCpu(s.cpuMsPerOrder)),
    row('rabbitmq', cpu('rabbitmq')),
    row('postgresql', cpu('postgresql')),
    row('jaeger (the collector)', cpu('jaeger')),
    row('(bench client)', cpu('(bench client)')),
    row(PROCESS_SUM, cpu(PROCESS_SUM)),
    row(WHOLE_MACHINE, cpu(WHOLE_MACHINE)),
  ];
}

/** The tracing section of the Markdown report. */
export function tracingMarkdown(off: SagaFigures, on: SagaFigures): string[] {
  const n = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(1));
  const delta = (a?: number, b?: number) =>
    a === undefined || b === undefined ? '-' : `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(1)}`;
  const rows = tracingCost(off, on);
  const services = rows[0]!;
  const machine = rows.at(-1)!;
  const pct = (r: (typeof rows)[number]) =>
    r.off && r.on !== undefined ? `${Math.round(((r.on - r.off) / r.off) * 100)} %` : '-';
  return [
    `Checkout ${off.mode}, ${off.customers} customers, ${off.durationS} s each: off (no OTLP exporter) and, right after it on a new stack, on (every service exporting every span over OTLP/HTTP to a local Jaeger v2 with its in-memory store, sampling 100 %, the dev setting).`,
    '',
    '| CPU ms per confirmed order | tracing off | tracing on | on - off |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} | ${n(r.off)} | ${n(r.on)} | ${delta(r.off, r.on)} |`),
    `| confirmed orders/s | ${off.ordersPerSecond.toFixed(1)} | ${on.ordersPerSecond.toFixed(1)} | ${delta(off.ordersPerSecond, on.ordersPerSecond)} |`,
    `| p99 POST -> final | ${ms(off.latency.p99)} | ${ms(on.latency.p99)} | |`,
    '',
    `Tracing costs the service processes ${delta(services.off, services.on)} ms per order (${pct(services)}) and the whole machine ${delta(machine.off, machine.on)} ms (${pct(machine)}), Jaeger included; invariants ${on.invariantsHold ? 'hold' : 'VIOLATED'} with it on.`,
  ];
}

/** One terminal line. */
export function tracingLine(off: SagaFigures, on: SagaFigures): string {
  const [services, , , , , , machine] = tracingCost(off, on);
  const f = (v?: number) => (v === undefined ? '-' : v.toFixed(1));
  return `  tracing (${off.mode}): CPU ms per order, services ${f(services!.off)} off / ${f(services!.on)} on, whole machine ${f(machine!.off)} off / ${f(machine!.on)} on`;
}
