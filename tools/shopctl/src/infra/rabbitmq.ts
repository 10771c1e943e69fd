import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InfraConfig } from './config';
import { amqpProbe } from './probe';
import {
  decideManagement,
  decideRabbitmq,
  decideRabbitmqDown,
  type RabbitmqFacts,
} from './rabbitmq-decisions';
import { converge, InfraError } from './steps';
import { aptInstall, canApt, isRoot, listening, onPath, osUser, run, runsAs } from './system';
import { waitFor } from '../runner/wait';

type Log = (line: string) => void;

/** The login the management UI accepts: RabbitMQ lets `guest` in from this machine only. */
export const MANAGEMENT_LOGIN = { user: 'guest', password: 'guest' } as const;

const CONF = '/etc/rabbitmq/rabbitmq.conf';
const CONF_TEXT = `# Written by the Shop project's shopctl infra up because no rabbitmq.conf existed
# (delete it to return to the packaged defaults). Development/CI box settings:
# a raised disk alarm blocks every publisher; 200MB keeps a margin on a dev disk.
disk_free_limit.absolute = 200MB
vm_memory_high_watermark.relative = 0.4
# The management UI (shopctl enables the plugin) on loopback only.
management.tcp.ip = 127.0.0.1
management.tcp.port = 15672
`;

/** Makes `config.rabbitmq` accept AMQP logins (>= 3.9), then its management UI. */
export async function rabbitmqUp(config: InfraConfig, log: Log): Promise<void> {
  const target = config.rabbitmq;
  const where = target.external ? `${target.host}:${target.port}` : `127.0.0.1:${target.port}`;
  const marker = path.join(config.dataDir, 'rabbitmq.started-by-infra-up');
  let started = false;
  const { facts } = await converge({
    name: 'rabbitmq',
    where,
    observe: () => observe(target.url, target.external),
    decide: (f) => decideRabbitmq(f, where),
    waitMs: target.waitMs,
    log,
    act: {
      async install() {
        writeConf(log);
        await aptInstall('rabbitmq-server', log); // its postinst starts the broker
        started = true;
      },
      async start() {
        writeConf(log);
        log('rabbitmq: starting (rabbitmq-server -detached; logs in /var/log/rabbitmq)');
        started = true;
        const detached = await run('rabbitmq-server', ['-detached']);
        if (detached.code !== 0) await run('service', ['rabbitmq-server', 'start']);
      },
    },
  });
  if (started) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(marker, '');
    await afterStart(log);
  }
  const version = facts.probe.kind === 'ok' ? facts.probe.version : '?';
  log(`rabbitmq: ready on ${where} (RabbitMQ ${version})`);
  await managementUp(config, log);
}

async function observe(url: string, external: boolean): Promise<RabbitmqFacts> {
  const root = isRoot();
  return {
    external,
    probe: await amqpProbe(url),
    installed: onPath('rabbitmq-server') !== undefined,
    canApt: canApt(),
    mayStart: root,
    booting: runsAs('beam.smp', osUser('rabbitmq')?.uid),
  };
}

function writeConf(log: Log): void {
  if (!isRoot() || existsSync(CONF)) return;
  mkdirSync(path.dirname(CONF), { recursive: true });
  writeFileSync(CONF, CONF_TEXT);
  log(`rabbitmq: wrote ${CONF} (disk alarm at 200MB free, management UI on loopback)`);
}

/** A broker we started: streams usable, and no alarm that would block every publisher. */
async function afterStart(log: Log): Promise<void> {
  const flags = await run('rabbitmqctl', ['-q', 'list_feature_flags', 'name', 'state']);
  if (/^stream_queue\s+disabled/m.test(flags.stdout)) {
    log('rabbitmq: enabling feature flag stream_queue');
    await run('rabbitmqctl', ['-q', 'enable_feature_flag', 'stream_queue']);
  }
  const alarms = await run('rabbitmq-diagnostics', ['-q', 'check_alarms']);
  if (alarms.code !== 0)
    log(`rabbitmq: WARNING resource alarms raised, publishers will block: ${alarms.stdout}`);
}

async function managementUp(config: InfraConfig, log: Log): Promise<void> {
  const { managementPort: port, external } = config.rabbitmq;
  const decision = decideManagement({
    external,
    listening: await listening(port),
    pluginsCli: onPath('rabbitmq-plugins') !== undefined,
    mayStart: isRoot(),
  });
  if (decision.kind === 'skip') {
    log(`rabbitmq: management UI ${decision.note}`);
    return;
  }
  if (decision.kind === 'enable') {
    log('rabbitmq: enabling the management plugin');
    const enabled = await run('rabbitmq-plugins', ['-q', 'enable', 'rabbitmq_management']);
    if (enabled.code !== 0)
      throw new InfraError(`rabbitmq: enabling management failed: ${enabled.stderr}`);
    await waitFor(() => listening(port), 30_000);
  }
  const { user, password } = MANAGEMENT_LOGIN;
  log(
    `rabbitmq: management UI on http://localhost:${port} (dev-only login ${user} / ${password}, from this machine only)`,
  );
}

/** Stops the local broker, only when `infra up` started it (or `force`). */
export async function rabbitmqDown(config: InfraConfig, force: boolean, log: Log): Promise<void> {
  const marker = path.join(config.dataDir, 'rabbitmq.started-by-infra-up');
  const decision = decideRabbitmqDown({
    external: config.rabbitmq.external,
    startedByUs: existsSync(marker),
    force,
    running: runsAs('beam.smp', osUser('rabbitmq')?.uid),
    mayStart: isRoot(),
  });
  if (decision.kind === 'fail') throw new InfraError(decision.message);
  if (decision.kind !== 'stop') {
    log(`rabbitmq: ${decision.note}`);
    return;
  }
  log('rabbitmq: stopping');
  const shutdown = await run('rabbitmqctl', ['-q', 'shutdown']);
  if (shutdown.code !== 0 && (await run('service', ['rabbitmq-server', 'stop'])).code !== 0) {
    throw new InfraError('rabbitmq: could not stop the broker (try: rabbitmqctl shutdown)');
  }
  rmSync(marker, { force: true });
  log('rabbitmq: stopped');
}
