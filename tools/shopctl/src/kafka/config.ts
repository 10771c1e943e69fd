import path from 'node:path';

/** What `shopctl kafka` works on, read once from the environment. */
export interface KafkaConfig {
  /** `<repo>/.data/kafka`: the jars (lib/), the log segments (data/), config, pid and log. */
  readonly dir: string;
  readonly pom: string;
  readonly brokerPort: number;
  readonly controllerPort: number;
  readonly bootstrap: string;
  /** JVM heap (-Xms = -Xmx); KAFKA_HEAP, default 256m. */
  readonly heap: string;
  /** How long to wait for the broker to answer a metadata request (KAFKA_WAIT_SECS, default 180). */
  readonly waitMs: number;
  /** How long Maven may take to fetch the jars (KAFKA_FETCH_SECS, default 600). */
  readonly fetchMs: number;
}

const REPO_DIR = path.resolve(__dirname, '../../../..');

export function loadKafkaConfig(
  env: Readonly<Record<string, string | undefined>>,
  repoDir = REPO_DIR,
): KafkaConfig {
  return {
    dir: path.join(repoDir, '.data', 'kafka'),
    pom: path.join(repoDir, 'tools', 'shopctl', 'src', 'kafka', 'pom.xml'),
    brokerPort: 9092,
    controllerPort: 9093,
    bootstrap: '127.0.0.1:9092',
    heap: env.KAFKA_HEAP || '256m',
    waitMs: 1000 * (Number(env.KAFKA_WAIT_SECS) || 180),
    fetchMs: 1000 * (Number(env.KAFKA_FETCH_SECS) || 600),
  };
}
