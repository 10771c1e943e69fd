import { loadInfraConfig, redact } from '../../src/infra/config';
import { decideFerretdb } from '../../src/infra/ferretdb-decisions';
import {
  chooseBinaries,
  clusterLocation,
  decidePostgres,
  type PostgresFacts,
} from '../../src/infra/postgres-decisions';
import {
  decideManagement,
  decideRabbitmq,
  decideRabbitmqDown,
  versionProblem,
  type RabbitmqFacts,
} from '../../src/infra/rabbitmq-decisions';
import { converge, InfraError, type Step } from '../../src/infra/steps';

const URL = 'postgres://postgres@127.0.0.1:5432';

describe('infra config', () => {
  test('no override targets the local default servers, which infra up may start', () => {
    const config = loadInfraConfig({}, '/repo');
    expect(config.postgres).toMatchObject({ host: '127.0.0.1', port: 5432, external: false });
    expect(config.rabbitmq).toMatchObject({ port: 5672, external: false, waitMs: 60_000 });
    expect(config.dataDir).toBe('/repo/.data');
  });

  test('an override to another host or port is external: waited for, never started', () => {
    const config = loadInfraConfig({
      DATABASE_ADMIN_URL: 'postgres://app:secret@db.example:6432',
      AMQP_URL: 'amqp://u:p@localhost:5673',
      INFRA_RABBIT_WAIT_SECS: '5',
    });
    expect(config.postgres).toMatchObject({ host: 'db.example', port: 6432, external: true });
    expect(config.rabbitmq).toMatchObject({ host: '127.0.0.1', external: true, waitMs: 5000 });
  });

  test('an override that names the default server is still local', () => {
    const config = loadInfraConfig({ AMQP_URL: 'amqp://guest:guest@localhost:5672' });
    expect(config.rabbitmq.external).toBe(false);
  });

  test('messages never show a password', () => {
    expect(redact('postgres://app:secret@db.example:6432')).toBe(
      'postgres://app:***@db.example:6432',
    );
  });
});

describe('PostgreSQL: what infra up does', () => {
  const facts = (over: Partial<PostgresFacts>): PostgresFacts => ({
    external: false,
    login: { kind: 'down' },
    binaries: true,
    canApt: true,
    systemClusters: [],
    ...over,
  });
  const decide = (over: Partial<PostgresFacts>) => decidePostgres(facts(over), URL, 5432);

  test('a server that accepts the login is used as it is (fast path, or another clone)', () => {
    expect(decide({ login: { kind: 'ok' } })).toEqual({ kind: 'ready' });
    expect(decide({ login: { kind: 'ok' }, binaries: false })).toEqual({ kind: 'ready' });
  });

  test('nothing listening: the project cluster starts when the binaries are there', () => {
    expect(decide({})).toEqual({ kind: 'start' });
  });

  test('nothing installed: apt when root on Debian, else a message naming what to install', () => {
    expect(decide({ binaries: false })).toEqual({ kind: 'install' });
    const step = decide({ binaries: false, canApt: false });
    expect(step.kind).toBe('fail');
    expect(step.kind === 'fail' && step.message).toMatch(
      /apt-get install postgresql.*DATABASE_ADMIN_URL/,
    );
  });

  test('a server that is starting up is waited for, not started twice', () => {
    expect(decide({ login: { kind: 'starting' } })).toEqual({ kind: 'wait' });
  });

  test('an external server is only waited for, even when binaries are missing', () => {
    expect(decide({ external: true, binaries: false, canApt: false })).toEqual({ kind: 'wait' });
  });

  test('a system cluster refusing password-less logins is named with both ways out', () => {
    const step = decide({
      login: { kind: 'refused', error: 'password authentication failed' },
      systemClusters: ['15/main'],
    });
    expect(step.kind === 'fail' && step.message).toMatch(/password authentication failed/);
    expect(step.kind === 'fail' && step.message).toMatch(/pg_ctlcluster 15 main stop/);
    expect(step.kind === 'fail' && step.message).toMatch(/DATABASE_ADMIN_URL=/);
  });

  test('the cluster stays in the repo unless the postgres user cannot reach it', () => {
    const base = {
      dataDir: '/repo/.data',
      altDir: '/var/tmp/shop-postgres-abc',
      existsInRepo: false,
      existsInAlt: false,
      asPostgresUser: true,
      repoReachable: true,
    };
    expect(clusterLocation(base)).toEqual({
      dir: '/repo/.data',
      data: '/repo/.data/postgres',
      moved: false,
    });
    expect(clusterLocation({ ...base, repoReachable: false }).data).toBe(
      '/var/tmp/shop-postgres-abc/data',
    );
    expect(clusterLocation({ ...base, repoReachable: false, existsInRepo: true }).moved).toBe(
      false,
    );
    expect(clusterLocation({ ...base, existsInAlt: true }).moved).toBe(true);
    expect(clusterLocation({ ...base, asPostgresUser: false, repoReachable: false }).moved).toBe(
      false,
    );
  });

  test('an existing cluster runs with the major that created it; a new one with the newest', () => {
    const installed = [
      { major: '15', dir: '/usr/lib/postgresql/15/bin' },
      { major: '17', dir: '/usr/lib/postgresql/17/bin' },
    ];
    expect(chooseBinaries(undefined, installed)).toEqual({ dir: '/usr/lib/postgresql/17/bin' });
    expect(chooseBinaries('15', installed)).toEqual({ dir: '/usr/lib/postgresql/15/bin' });
    expect(chooseBinaries('14', installed)).toEqual({
      error: expect.stringMatching(/created by PostgreSQL 14/),
    });
    expect(chooseBinaries(undefined, [])).toEqual({ error: expect.stringMatching(/not found/) });
  });
});

describe('RabbitMQ: what infra up does', () => {
  const facts = (over: Partial<RabbitmqFacts>): RabbitmqFacts => ({
    external: false,
    probe: { kind: 'down' },
    installed: true,
    canApt: true,
    mayStart: true,
    booting: false,
    ...over,
  });
  const decide = (over: Partial<RabbitmqFacts>) => decideRabbitmq(facts(over), '127.0.0.1:5672');

  test('a broker that accepts the login is ready; one too old for streams is refused', () => {
    expect(decide({ probe: { kind: 'ok', version: '3.10.8' } })).toEqual({ kind: 'ready' });
    expect(decide({ probe: { kind: 'ok', version: '4.1.0' } })).toEqual({ kind: 'ready' });
    expect(versionProblem('3.8.9')).toMatch(/too old.*>= 3.9/);
    expect(versionProblem('unknown')).toBeUndefined();
  });

  test('a refused login stops with the reason instead of starting a second broker', () => {
    const step = decide({ probe: { kind: 'refused', error: '403 (ACCESS-REFUSED)' } });
    expect(step).toEqual({
      kind: 'fail',
      message: expect.stringMatching(/refused the login: 403/),
    });
  });

  test('down: start it, wait while it boots, install it, or say what to do', () => {
    expect(decide({})).toEqual({ kind: 'start' });
    expect(decide({ booting: true })).toEqual({ kind: 'wait' });
    expect(decide({ installed: false })).toEqual({ kind: 'install' });
    expect(decide({ installed: false, canApt: false })).toEqual({
      kind: 'fail',
      message: expect.stringMatching(/apt-get install rabbitmq-server.*AMQP_URL/),
    });
    expect(decide({ mayStart: false })).toEqual({
      kind: 'fail',
      message: expect.stringMatching(/only root/),
    });
    expect(decide({ external: true, installed: false })).toEqual({ kind: 'wait' });
  });

  test('the management UI is enabled on the local broker only, and only by root', () => {
    const base = { external: false, listening: false, pluginsCli: true, mayStart: true };
    expect(decideManagement(base)).toEqual({ kind: 'enable' });
    expect(decideManagement({ ...base, listening: true })).toEqual({ kind: 'ready' });
    expect(decideManagement({ ...base, external: true }).kind).toBe('skip');
    expect(decideManagement({ ...base, mayStart: false })).toEqual({
      kind: 'skip',
      note: expect.stringMatching(/rabbitmq-plugins enable rabbitmq_management/),
    });
  });

  test('infra down stops only the broker infra up started, unless forced', () => {
    const base = {
      external: false,
      startedByUs: true,
      force: false,
      running: true,
      mayStart: true,
    };
    expect(decideRabbitmqDown(base)).toEqual({ kind: 'stop' });
    expect(decideRabbitmqDown({ ...base, startedByUs: false }).kind).toBe('leave');
    expect(decideRabbitmqDown({ ...base, startedByUs: false, force: true })).toEqual({
      kind: 'stop',
    });
    expect(decideRabbitmqDown({ ...base, running: false }).kind).toBe('leave');
    expect(decideRabbitmqDown({ ...base, external: true }).kind).toBe('leave');
    expect(decideRabbitmqDown({ ...base, mayStart: false }).kind).toBe('fail');
  });
});

describe('FerretDB: what infra up mongo does', () => {
  const base = { answers: false, ours: false, portTaken: false, binary: true };

  test('whatever answers a MongoDB ping on the port is used, ours or not', () => {
    expect(decideFerretdb({ ...base, answers: true, ours: true }, 27017)).toEqual({
      kind: 'ready',
    });
    expect(decideFerretdb({ ...base, answers: true, portTaken: true }, 27017)).toEqual({
      kind: 'ready',
      note: expect.stringMatching(/not started from this clone/),
    });
  });

  test('ours but silent is waited for; a stranger on the port is an error; else start', () => {
    expect(decideFerretdb({ ...base, ours: true, portTaken: true }, 27017)).toEqual({
      kind: 'wait',
    });
    expect(decideFerretdb({ ...base, portTaken: true }, 27017).kind).toBe('fail');
    expect(decideFerretdb({ ...base, binary: false }, 27017).kind).toBe('fail');
    expect(decideFerretdb(base, 27017)).toEqual({ kind: 'start' });
  });
});

describe('converge', () => {
  const flow = (steps: Step[], acted: string[]) => ({
    name: 'server',
    where: '127.0.0.1:1',
    observe: async () => steps.shift() ?? ({ kind: 'fail', message: 'no more facts' } as Step),
    decide: (step: Step) => step,
    act: {
      install: async () => void acted.push('install'),
      start: async () => void acted.push('start'),
    },
    waitMs: 2000,
    log: () => undefined,
  });

  test('acts until the decision is ready: install, then start, then waits it out', async () => {
    const acted: string[] = [];
    const steps: Step[] = [
      { kind: 'install' },
      { kind: 'start' },
      { kind: 'wait' },
      { kind: 'ready' },
    ];
    await expect(converge(flow(steps, acted))).resolves.toMatchObject({ step: { kind: 'ready' } });
    expect(acted).toEqual(['install', 'start']);
  });

  test('an action that changes nothing fails instead of looping', async () => {
    const acted: string[] = [];
    const steps: Step[] = [{ kind: 'start' }, { kind: 'start' }, { kind: 'ready' }];
    await expect(converge(flow(steps, acted))).rejects.toThrow(/still not up after start/);
    expect(acted).toEqual(['start']);
  });

  test('a wait that outlasts its deadline fails with the time it waited', async () => {
    const steps: Step[] = Array.from({ length: 100 }, () => ({ kind: 'wait' }) as Step);
    const slow = { ...flow(steps, []), waitMs: 300 };
    await expect(converge(slow)).rejects.toThrow(
      new InfraError('server: 127.0.0.1:1 not accepting connections within 0.3s'),
    );
  });
});
