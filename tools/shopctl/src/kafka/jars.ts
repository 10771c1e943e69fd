import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { KafkaConfig } from './config';
import { aptInstall, canApt, onPath, run, tail } from '../infra/system';

type Log = (line: string) => void;

/** Java >= 17 and Maven on PATH, installed through apt when root on Debian; else a clear error. */
export async function ensureToolchain(log: Log): Promise<void> {
  const needs = [
    { tool: 'java', pkg: 'openjdk-17-jre-headless', ok: javaIsRecent },
    { tool: 'mvn', pkg: 'maven', ok: async () => onPath('mvn') !== undefined },
  ];
  for (const { tool, pkg, ok } of needs) {
    if (await ok()) continue;
    if (!canApt()) {
      throw new Error(
        `kafka: ${tool === 'java' ? 'Java 17 or newer' : 'Maven'} is needed on PATH ` +
          `(Debian/Ubuntu: apt-get install ${pkg})`,
      );
    }
    await aptInstall(pkg, log);
  }
}

async function javaIsRecent(): Promise<boolean> {
  if (!onPath('java')) return false;
  const { stderr } = await run('java', ['-version'], { timeoutMs: 30_000 });
  const major = Number(/version "(\d+)/.exec(stderr)?.[1]);
  return major >= 17;
}

/**
 * The jars of tools/shopctl/src/kafka/pom.xml in `<dir>/lib`, fetched once from Maven Central
 * (Maven's own cache, ~/.m2, is reused). A stamp holding the pom's hash marks a complete copy,
 * so an interrupted fetch or a changed pom fetches again. Prints progress every 10 s.
 */
export async function ensureJars(config: KafkaConfig, log: Log): Promise<string> {
  const lib = path.join(config.dir, 'lib');
  const stamp = path.join(lib, '.complete');
  const hash = createHash('sha256').update(readFileSync(config.pom)).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return lib;
  rmSync(lib, { recursive: true, force: true });
  mkdirSync(lib, { recursive: true });
  const mvnLog = path.join(config.dir, 'mvn.log');
  log(`kafka: fetching Kafka's jars from Maven Central into ${lib} (once; log ${mvnLog})`);
  const started = Date.now();
  const code = await mavenCopy(config, lib, mvnLog, (elapsed) =>
    log(`kafka: still fetching (${elapsed} s; last: ${lastArtifact(mvnLog)})`),
  );
  if (code !== 0) {
    const why = `exit ${code}, or longer than ${config.fetchMs / 1000} s (KAFKA_FETCH_SECS)`;
    throw new Error(`kafka: mvn dependency:copy-dependencies failed (${why}):\n${tail(mvnLog)}`);
  }
  writeFileSync(stamp, hash);
  log(`kafka: jars ready in ${Math.round((Date.now() - started) / 1000)} s`);
  return lib;
}

function mavenCopy(config: KafkaConfig, lib: string, mvnLog: string, tick: (s: number) => void) {
  const out = openSync(mvnLog, 'w');
  const child = spawn(
    'mvn',
    [
      '--batch-mode',
      '-f',
      config.pom,
      'dependency:copy-dependencies',
      `-DoutputDirectory=${lib}`,
      '-DincludeScope=runtime',
      // A stalled connection fails and is retried instead of hanging the build.
      '-Dmaven.wagon.rto=60000',
      '-Dmaven.wagon.http.retryHandler.count=3',
    ],
    { stdio: ['ignore', out, out] },
  );
  const started = Date.now();
  const timer = setInterval(() => tick(Math.round((Date.now() - started) / 1000)), 10_000);
  const deadline = setTimeout(() => child.kill('SIGTERM'), config.fetchMs);
  return new Promise<number>((resolve) => {
    const done = (code: number) => {
      clearInterval(timer);
      clearTimeout(deadline);
      resolve(code);
    };
    child.once('error', () => done(127));
    child.once('exit', (code) => done(code ?? 1));
  });
}

function lastArtifact(mvnLog: string): string {
  const lines = tail(mvnLog, 50).split('\n').reverse();
  const line = lines.find((l) => /Download(ed|ing) from/.test(l)) ?? '';
  return /[^/]+\.(jar|pom)\b/.exec(line)?.[0] ?? 'resolving';
}
