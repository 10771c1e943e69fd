import type { Step } from './steps';

/** An AMQP connection attempt with the target URL. */
export type AmqpProbe =
  | { readonly kind: 'ok'; readonly version: string }
  | { readonly kind: 'down' }
  | { readonly kind: 'refused'; readonly error: string };

export interface RabbitmqFacts {
  readonly external: boolean;
  readonly probe: AmqpProbe;
  /** rabbitmq-server is on PATH. */
  readonly installed: boolean;
  readonly canApt: boolean;
  /** root (or the rabbitmq user): the system broker can be started. */
  readonly mayStart: boolean;
  /** A broker process exists (it is booting). */
  readonly booting: boolean;
}

export function decideRabbitmq(f: RabbitmqFacts, where: string): Step {
  if (f.probe.kind === 'ok') {
    const problem = versionProblem(f.probe.version);
    return problem ? { kind: 'fail', message: problem } : { kind: 'ready' };
  }
  if (f.probe.kind === 'refused') {
    return { kind: 'fail', message: `RabbitMQ at ${where} refused the login: ${f.probe.error}` };
  }
  if (f.external || f.booting) return { kind: 'wait' };
  if (!f.installed) {
    if (f.canApt) return { kind: 'install' };
    return {
      kind: 'fail',
      message:
        'RabbitMQ is not installed. Install it (Debian/Ubuntu: sudo apt-get install rabbitmq-server; ' +
        'version >= 3.9), or export AMQP_URL=amqp://USER:PASSWORD@HOST:5672 for an existing broker',
    };
  }
  if (!f.mayStart) {
    return {
      kind: 'fail',
      message:
        `RabbitMQ is installed but not running on ${where}, and only root can start it: run ` +
        "'sudo service rabbitmq-server start', or export AMQP_URL",
    };
  }
  return { kind: 'start' };
}

/** Stream queues (the analytics log) need RabbitMQ >= 3.9. */
export function versionProblem(version: string): string | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match) return undefined;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major > 3 || (major === 3 && minor >= 9)) return undefined;
  return `RabbitMQ ${version} is too old: stream queues (x-queue-type: stream) need RabbitMQ >= 3.9`;
}

/** The management UI: enabled on the local broker when it is not listening yet. */
export function decideManagement(f: {
  readonly external: boolean;
  readonly listening: boolean;
  readonly pluginsCli: boolean;
  readonly mayStart: boolean;
}): { readonly kind: 'ready' | 'enable' } | { readonly kind: 'skip'; readonly note: string } {
  if (f.listening) return { kind: 'ready' };
  if (f.external) return { kind: 'skip', note: 'not checked (AMQP_URL points elsewhere)' };
  if (!f.pluginsCli || !f.mayStart) {
    return {
      kind: 'skip',
      note: 'off; enable it as root: rabbitmq-plugins enable rabbitmq_management',
    };
  }
  return { kind: 'enable' };
}

/** `infra down`: only the broker `infra up` started is stopped, unless forced. */
export function decideRabbitmqDown(f: {
  readonly external: boolean;
  readonly startedByUs: boolean;
  readonly force: boolean;
  readonly running: boolean;
  readonly mayStart: boolean;
}):
  | { readonly kind: 'stop' }
  | { readonly kind: 'leave'; readonly note: string }
  | { readonly kind: 'fail'; readonly message: string } {
  if (f.external) return { kind: 'leave', note: 'AMQP_URL points elsewhere; nothing to stop' };
  if (!f.running) return { kind: 'leave', note: 'not running' };
  if (!f.startedByUs && !f.force) {
    return {
      kind: 'leave',
      note: 'running, but not started by infra up; left alone (--force stops it)',
    };
  }
  if (!f.mayStart) {
    return {
      kind: 'fail',
      message: 'only root can stop the system RabbitMQ (sudo rabbitmqctl shutdown)',
    };
  }
  return { kind: 'stop' };
}
