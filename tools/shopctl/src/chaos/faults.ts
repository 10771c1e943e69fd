import type { TcpProxy } from '@shop/common/testing';
import type { Stack } from '../runner/stack';

export interface FaultPlan {
  readonly stack: Stack;
  /** In front of RabbitMQ and PostgreSQL: cutting one is an outage of that server for the stack. */
  readonly broker: TcpProxy;
  readonly database: TcpProxy;
  readonly everyMs: number;
  readonly outageMs: number;
  readonly stopAt: number;
  /** Picks the next victim (Math.random by default). */
  readonly random?: () => number;
}

export interface FaultTally {
  /** Each kill -9, by service, in order. */
  readonly kills: string[];
  /** `rabbitmq` and `postgresql`, once each. */
  readonly outages: string[];
  /** Restarts that failed: each one is a violation. */
  readonly errors: string[];
}

/**
 * One fault every `everyMs` until `stopAt`: a kill -9 of a random service (one not restarting
 * already), restarted by the runner in the background, and, a third and two thirds of the way
 * through, an outage of RabbitMQ and then of PostgreSQL (the proxy cut for `outageMs`, then
 * restored) once the restarts under way are done. Resolves when every restart has finished.
 */
export async function runFaults(plan: FaultPlan): Promise<FaultTally> {
  const tally: FaultTally = { kills: [], outages: [], errors: [] };
  const random = plan.random ?? Math.random;
  const span = plan.stopAt - Date.now();
  const outages: Array<[number, string, TcpProxy]> = [
    [Date.now() + span / 3, 'rabbitmq', plan.broker],
    [Date.now() + (2 * span) / 3, 'postgresql', plan.database],
  ];
  const restarting = new Map<string, Promise<void>>();
  while (Date.now() + plan.everyMs < plan.stopAt) {
    await sleep(plan.everyMs);
    const due = outages.find(([at, name]) => at <= Date.now() && !tally.outages.includes(name));
    if (due) {
      await Promise.all(restarting.values());
      await outage(due[2], plan.outageMs);
      tally.outages.push(due[1]);
      continue;
    }
    const names = plan.stack.services.map((s) => s.name).filter((n) => !restarting.has(n));
    const victim = names[Math.floor(random() * names.length)]!;
    await plan.stack.kill(victim, 'SIGKILL');
    tally.kills.push(victim);
    const restart = plan.stack.start(victim).catch((err: unknown) => {
      tally.errors.push(`${victim} did not restart: ${String(err)}`);
    });
    restarting.set(
      victim,
      restart.finally(() => restarting.delete(victim)),
    );
  }
  await Promise.all(restarting.values());
  return tally;
}

async function outage(proxy: TcpProxy, ms: number): Promise<void> {
  await proxy.cut();
  await sleep(ms);
  await proxy.restore();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
