import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KafkaConfig } from './config';
import { ensureJars, ensureToolchain } from './jars';
import { kafkaAnswers } from './probe';
import { listening, pidFromFile, run, tail, terminate } from '../infra/system';

type Log = (line: string) => void;

/**
 * A single-node KRaft Kafka (broker and controller in one JVM) on 127.0.0.1, its jars, log
 * segments and config under .data/kafka. Idempotent: a broker that answers (this clone's or
 * another's) is used; a port held by anything else is an error, never a second broker.
 */
export async function kafkaUp(config: KafkaConfig, log: Log): Promise<void> {
  const files = runFiles(config);
  if (ourPid(files.pid) !== undefined && (await kafkaAnswers(config.bootstrap))) {
    log(`kafka: ready on ${config.bootstrap} (already running)`);
    return;
  }
  if (ourPid(files.pid) === undefined && (await kafkaAnswers(config.bootstrap))) {
    // Another clone's broker on this machine: tests isolate by topic and group names.
    log(`kafka: ready on ${config.bootstrap} (a broker this clone did not start)`);
    return;
  }
  for (const port of [config.brokerPort, config.controllerPort]) {
    if (ourPid(files.pid) === undefined && (await listening(port))) {
      throw new Error(`kafka: 127.0.0.1:${port} is taken by a process this clone did not start`);
    }
  }
  await ensureToolchain(log);
  const lib = await ensureJars(config, log);
  writeFileSync(files.properties, serverProperties(config, files.data));
  writeFileSync(files.log4j, LOG4J);
  if (!existsSync(path.join(files.data, 'meta.properties'))) await format(config, lib, log);
  const started = Date.now();
  if (ourPid(files.pid) === undefined) start(config, lib, log);
  await waitReady(config, log);
  log(`kafka: ready on ${config.bootstrap} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  log(`KAFKA_BROKERS=${config.bootstrap}`);
}

function runFiles(config: KafkaConfig) {
  const at = (name: string) => path.join(config.dir, name);
  return {
    data: at('data'),
    properties: at('server.properties'),
    log4j: at('log4j2.properties'),
    pid: at('kafka.pid'),
    log: at('kafka.log'),
  };
}

function ourPid(pidFile: string): number | undefined {
  return pidFromFile(pidFile, (cmd) => cmd.includes('kafka.Kafka'));
}

function serverProperties(config: KafkaConfig, data: string): string {
  const broker = `PLAINTEXT://127.0.0.1:${config.brokerPort}`;
  const controller = `CONTROLLER://127.0.0.1:${config.controllerPort}`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `listeners=${broker},${controller}`,
    `advertised.listeners=${broker},${controller}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    // A dynamic quorum of one (KIP-853), formatted with --standalone: not controller.quorum.voters.
    `controller.quorum.bootstrap.servers=127.0.0.1:${config.controllerPort}`,
    `log.dirs=${data}`,
    'num.partitions=3',
    // One node: the internal topics cannot have more replicas than that.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'share.coordinator.state.topic.replication.factor=1',
    'share.coordinator.state.topic.min.isr=1',
    // Topics are created on purpose (partitions and key matter), never by a typo.
    'auto.create.topics.enable=false',
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

const LOG4J = [
  'rootLogger.level=INFO',
  'rootLogger.appenderRef.out.ref=out',
  'appender.out.type=Console',
  'appender.out.name=out',
  'appender.out.layout.type=PatternLayout',
  'appender.out.layout.pattern=[%d] %p %m (%c)%n',
  'logger.kafka.name=org.apache.kafka',
  'logger.kafka.level=WARN',
  '',
].join('\n');

function java(config: KafkaConfig, lib: string, main: string): string[] {
  const log4j = runFiles(config).log4j;
  return [`-Xms${config.heap}`, `-Xmx${config.heap}`, `-Dlog4j2.configurationFile=${log4j}`].concat(
    ['-cp', path.join(lib, '*'), main],
  );
}

/** Formats the log directory once, with a fresh cluster id. */
async function format(config: KafkaConfig, lib: string, log: Log): Promise<void> {
  const files = runFiles(config);
  log('kafka: formatting the storage (KRaft, standalone controller)');
  const clusterId = randomBytes(16).toString('base64url').replace(/^-/, 'A');
  const args = ['format', '--standalone', '-t', clusterId, '-c', files.properties];
  const result = await run('java', [...java(config, lib, 'kafka.tools.StorageTool'), ...args]);
  if (result.code !== 0) {
    throw new Error(`kafka: storage format failed:\n${result.stdout}${result.stderr}`);
  }
}

function start(config: KafkaConfig, lib: string, log: Log): void {
  const files = runFiles(config);
  mkdirSync(config.dir, { recursive: true });
  log(`kafka: starting Kafka 4.1.1 on ${config.bootstrap} (log ${files.log})`);
  const out = openSync(files.log, 'w');
  const child = spawn('java', [...java(config, lib, 'kafka.Kafka'), files.properties], {
    // Its own session: it outlives this command and the make job that ran it.
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  writeFileSync(files.pid, String(child.pid));
}

async function waitReady(config: KafkaConfig, log: Log): Promise<void> {
  const files = runFiles(config);
  const begun = Date.now();
  const deadline = begun + config.waitMs;
  let next = begun + 5000;
  while (!(await kafkaAnswers(config.bootstrap))) {
    if (ourPid(files.pid) === undefined) {
      throw new Error(`kafka: exited during start-up:\n${tail(files.log)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`kafka: no answer within ${config.waitMs / 1000} s:\n${tail(files.log)}`);
    }
    if (Date.now() > next) {
      const waited = Math.round((Date.now() - begun) / 1000);
      log(`kafka: waiting for the broker to answer a metadata request (${waited} s)`);
      next = Date.now() + 5000;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Stops the broker this clone started (TERM, a clean shutdown; KILL after 30 s). */
export async function kafkaDown(config: KafkaConfig, log: Log): Promise<void> {
  const files = runFiles(config);
  const pid = ourPid(files.pid);
  rmSync(files.pid, { force: true });
  if (pid === undefined) {
    log('kafka: not running (from this clone)');
    return;
  }
  await terminate(pid, 30_000);
  log('kafka: stopped');
}
