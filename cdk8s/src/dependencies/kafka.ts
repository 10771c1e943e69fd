import { SHOP_NAMESPACE, serviceHost } from '../naming';
import type { DependencySpec } from './dependency-spec';
import { dependencyPorts } from './stateful-dependencies';

/** The broker's port for clients, and the address the order log's writers and readers get. */
export const KAFKA_PORT = dependencyPorts.kafka['tcp-kafka']!;
export const KAFKA_BOOTSTRAP = `${serviceHost('kafka', SHOP_NAMESPACE)}:${KAFKA_PORT}`;

/** The controller listens on the pod's loopback only: one process is the whole quorum. */
const CONTROLLER = '127.0.0.1:9093';
const CONFIG_DIR = '/etc/kafka/shop';
const DATA_DIR = '/var/lib/kafka';

/** KRaft, one node (broker and controller in one process), as `make kafka-up` runs it locally. */
const serverProperties = [
  'process.roles=broker,controller',
  'node.id=1',
  `listeners=PLAINTEXT://:${KAFKA_PORT},CONTROLLER://${CONTROLLER}`,
  // The pod's stable name (kafka-0 of the headless Service): clients reconnect to it.
  `advertised.listeners=PLAINTEXT://kafka-0.${serviceHost('kafka', SHOP_NAMESPACE)}:${KAFKA_PORT},CONTROLLER://${CONTROLLER}`,
  'controller.listener.names=CONTROLLER',
  'inter.broker.listener.name=PLAINTEXT',
  'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
  // A dynamic quorum of one (KIP-853), formatted with --standalone: not controller.quorum.voters.
  `controller.quorum.bootstrap.servers=${CONTROLLER}`,
  // A folder of the volume, not its root (a provisioner may put lost+found there).
  `log.dirs=${DATA_DIR}/data`,
  'num.partitions=3',
  // The order log is rebuilt from its first offset (make analytics-replay): keep every segment.
  'log.retention.ms=-1',
  'offsets.topic.replication.factor=1',
  'transaction.state.log.replication.factor=1',
  'transaction.state.log.min.isr=1',
  'share.coordinator.state.topic.replication.factor=1',
  'share.coordinator.state.topic.min.isr=1',
  'auto.create.topics.enable=false',
  'group.initial.rebalance.delay.ms=0',
  '',
].join('\n');

/** Logs go to stdout only (the root filesystem is read-only; kubectl logs reads them). */
const log4j = [
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

/** Formats the volume on the first start (a restart finds it formatted), then runs the broker. */
const startScript = `#!/bin/sh
set -eu
/opt/kafka/bin/kafka-storage.sh format --standalone --ignore-formatted \\
  --cluster-id "$CLUSTER_ID" --config ${CONFIG_DIR}/server.properties
exec /opt/kafka/bin/kafka-server-start.sh ${CONFIG_DIR}/server.properties
`;

/**
 * Apache Kafka for the order log when `EVENT_STREAM=kafka`. The official image's scripts
 * (`/opt/kafka/bin`) run it from the mounted config; its writable places are the volume and /tmp
 * (LOG_DIR: the GC log; the JVM's temporary files and native libraries).
 */
export function kafka(): DependencySpec {
  return {
    name: 'kafka',
    image: 'apache/kafka:4.1.1',
    uid: 1000,
    command: ['/bin/sh', `${CONFIG_DIR}/start.sh`],
    env: {
      // A fixed id: the synthesis is deterministic, and one dev cluster has one Kafka.
      CLUSTER_ID: 'c2hvcC1kZXYta2Fma2EtMQ',
      KAFKA_HEAP_OPTS: '-Xms256m -Xmx256m',
      KAFKA_LOG4J_OPTS: `-Dlog4j2.configurationFile=${CONFIG_DIR}/log4j2.properties`,
      LOG_DIR: '/tmp/kafka-logs',
    },
    secretEnv: [],
    dataPath: DATA_DIR,
    storage: '2Gi',
    scratchPaths: ['/tmp'],
    files: {
      mountPath: CONFIG_DIR,
      data: {
        'server.properties': serverProperties,
        'log4j2.properties': log4j,
        'start.sh': startScript,
      },
    },
    readiness: { tcpSocket: { port: 'tcp-kafka' } },
    liveness: { tcpSocket: { port: 'tcp-kafka' } },
    // About 340 MB resident with a 256 MB heap (measured for make kafka-up).
    size: { cpuRequest: '100m', memoryRequest: '512Mi', cpuLimit: '1', memoryLimit: '768Mi' },
  };
}
