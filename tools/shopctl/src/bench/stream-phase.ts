import { sampleCpu, WHOLE_MACHINE } from './cpu';

/** One direction of one log: events per second and the CPU it took per 1,000 events. */
export interface StreamPhase {
  readonly events: number;
  /** From the end of the first batch to the last: the steady rate, without start-up. */
  readonly seconds: number;
  /** Events after the first batch, per second of `seconds`. */
  readonly perSecond: number;
  /** Until the first batch moved: connecting, joining the group, subscribing. */
  readonly startupMs: number;
  /** CPU ms per 1,000 events: the broker's process, this client's, the whole machine's. */
  readonly cpuMsPer1000: {
    readonly broker: number;
    readonly client: number;
    readonly machine: number;
  };
}

/** When the first batch had moved (performance.now) and how many events it held. */
export interface FirstBatch {
  readonly at: number;
  readonly events: number;
}

/**
 * Times `run`, which moves `events` events and resolves with its first batch, and samples the
 * broker's CPU around it (all of it, start-up included).
 */
export async function measurePhase(
  brokerPort: number,
  events: number,
  run: () => Promise<FirstBatch>,
): Promise<StreamPhase> {
  const ports = new Map([['broker', brokerPort]]);
  const before = await sampleCpu(ports);
  const started = performance.now();
  const first = await run();
  const seconds = (performance.now() - first.at) / 1000;
  const after = await sampleCpu(ports);
  const per1000 = (name: string) =>
    ((after.get(name) ?? NaN) - (before.get(name) ?? NaN)) / (events / 1000);
  return {
    events,
    seconds,
    perSecond: (events - first.events) / seconds,
    startupMs: first.at - started,
    cpuMsPer1000: {
      broker: per1000('broker'),
      client: per1000('(bench client)'),
      machine: per1000(WHOLE_MACHINE),
    },
  };
}

/**
 * Counts events read: `done` resolves with the first batch once `target` were seen, or rejects
 * after `timeoutMs`. `add` runs when a batch has been handled.
 */
export function counter(target: number, timeoutMs: number) {
  let seen = 0;
  let first: FirstBatch | undefined;
  let resolve!: (first: FirstBatch) => void;
  let reject!: (err: Error) => void;
  const done = new Promise<FirstBatch>((res, rej) => ((resolve = res), (reject = rej)));
  const timer = setTimeout(
    () => reject(new Error(`read ${seen} of ${target} events in ${timeoutMs} ms`)),
    timeoutMs,
  );
  return {
    done: done.finally(() => clearTimeout(timer)),
    add(n: number) {
      first ??= { at: performance.now(), events: n };
      seen += n;
      if (seen >= target) resolve(first);
    },
  };
}

/** Writes the batches one after another; resolves with the first once all are acknowledged. */
export async function writeAll<T>(
  batches: readonly (readonly T[])[],
  write: (batch: readonly T[]) => Promise<void>,
): Promise<FirstBatch> {
  let first: FirstBatch | undefined;
  for (const batch of batches) {
    await write(batch);
    first ??= { at: performance.now(), events: batch.length };
  }
  return first ?? { at: performance.now(), events: 0 };
}

/**
 * One reader's phase: `handle` (its batch handler) parses each event and counts it;
 * `measure` starts the reader and times it until every event was handled.
 */
export function readPhase(brokerPort: number, events: number, timeoutMs: number) {
  const seen = counter(events, timeoutMs);
  return {
    handle: async (records: readonly { readonly content: Buffer }[]) => {
      for (const r of records) JSON.parse(r.content.toString());
      seen.add(records.length);
      return 'handled' as const;
    },
    measure: (start: () => Promise<void>) =>
      measurePhase(brokerPort, events, async () => {
        await start();
        return seen.done;
      }),
  };
}
