/**
 * What `shopctl infra up|down` does is decided from observed facts only, by the pure functions
 * in *-decisions.ts, so every branch is a unit test. The flows (postgres.ts, rabbitmq.ts,
 * ferretdb.ts) observe, ask them, act, and observe again.
 */

/** One thing to do next; `fail` carries the whole message for the person at the terminal. */
export type Step =
  | { readonly kind: 'ready'; readonly note?: string }
  | { readonly kind: 'wait' }
  | { readonly kind: Action }
  | { readonly kind: 'fail'; readonly message: string };

/** The steps that change the machine. */
export type Action = 'install' | 'start';

/** A failure whose message is meant for the person at the terminal as it is. */
export class InfraError extends Error {}

export interface Flow<F> {
  readonly name: string;
  /** The server, as messages name it (`127.0.0.1:5432`, or the override). */
  readonly where: string;
  observe(): Promise<F>;
  decide(facts: F): Step;
  act: Record<Action, (facts: F) => Promise<void>>;
  /** How long a `wait` may last. */
  readonly waitMs: number;
  readonly log: (line: string) => void;
}

/**
 * Observes, decides and acts until the decision is `ready` (returned with its facts) or `fail`
 * (thrown). `wait` polls until the decision changes; an action that leaves the decision where
 * it was is a failure, not a loop.
 */
export async function converge<F>(flow: Flow<F>): Promise<{ facts: F; step: Step }> {
  let last: Action | undefined;
  for (;;) {
    const { facts, step } = await settled(flow);
    if (step.kind === 'ready') return { facts, step };
    if (step.kind === 'fail') throw new InfraError(step.message);
    if (step.kind === last) throw new InfraError(`${flow.name}: still not up after ${last}`);
    last = step.kind;
    await flow.act[step.kind](facts);
  }
}

type Settled = Exclude<Step, { kind: 'wait' }>;

/** The next decision that is not `wait`, polling while it is. */
async function settled<F>(flow: Flow<F>): Promise<{ facts: F; step: Settled }> {
  const deadline = Date.now() + flow.waitMs;
  for (let polls = 0; ; polls++) {
    const facts: F = await flow.observe();
    const step = flow.decide(facts);
    if (step.kind !== 'wait') return { facts, step };
    if (polls === 0) {
      flow.log(`${flow.name}: waiting for ${flow.where} (up to ${flow.waitMs / 1000}s)`);
    }
    if (Date.now() > deadline) {
      throw new InfraError(
        `${flow.name}: ${flow.where} not accepting connections within ${flow.waitMs / 1000}s`,
      );
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}
