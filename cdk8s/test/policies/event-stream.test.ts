import { ORDER_STREAM_EVENTS } from '@shop/common';
import { orderEventLog, topology } from '@shop/topology';
import { deliveryOptionsFromEnv } from '../../src/config/delivery-options';
import { principalOf } from '../../src/naming';
import { named, ofKind, podSpecOf, synthesize, type Manifest } from '../support/manifests';

/** EVENT_STREAM in the manifests: Kafka and its access exist only when it is kafka. */
const rabbitmq = synthesize();
const kafka = synthesize({ eventStream: 'kafka' });

const configOf = (manifests: Manifest[], service: string) =>
  named(manifests, 'ConfigMap', `${service}-config`).data as Record<string, string>;
const busUsers = topology.filter((s) => s.publishes.length + s.consumes.length > 0);
const kafkaPeers = (policy: Manifest, direction: 'ingress' | 'egress') =>
  (policy.spec[direction] ?? []).flatMap((rule: any) =>
    (rule.from ?? rule.to ?? []).flatMap((peer: any) =>
      rule.ports.some((p: any) => p.port === 9092) ? [peer.podSelector?.matchLabels?.app] : [],
    ),
  );

test("the topology's order log: its writers publish the log's events, its readers consume them all", () => {
  const writers = topology.filter((s) => ORDER_STREAM_EVENTS.some((e) => s.publishes.includes(e)));
  expect(writers.map((s) => s.name)).toEqual([...orderEventLog.writers]);
  for (const reader of orderEventLog.readers) {
    const spec = topology.find((s) => s.name === reader)!;
    expect(ORDER_STREAM_EVENTS.filter((e) => !spec.consumes.includes(e))).toEqual([]);
  }
});

test('EVENT_STREAM reaches the synthesis from the environment, and a typo is refused', () => {
  expect(deliveryOptionsFromEnv({}).eventStream).toBe('rabbitmq');
  expect(deliveryOptionsFromEnv({ EVENT_STREAM: 'kafka' }).eventStream).toBe('kafka');
  expect(() => deliveryOptionsFromEnv({ EVENT_STREAM: 'kafak' })).toThrow(
    'EVENT_STREAM: expected rabbitmq or kafka, got "kafak"',
  );
});

describe('with EVENT_STREAM=rabbitmq (the default)', () => {
  test('nothing of Kafka is synthesized: no object, no address, no policy naming it', () => {
    expect(rabbitmq.filter((m) => m.metadata.labels?.app === 'kafka')).toEqual([]);
    expect(JSON.stringify(rabbitmq)).not.toMatch(/kafka/i);
  });

  test.each(busUsers.map((s) => [s.name]))('%s is told rabbitmq in its ConfigMap', (service) => {
    expect(configOf(rabbitmq, service).EVENT_STREAM).toBe('rabbitmq');
  });
});

describe('with EVENT_STREAM=kafka', () => {
  test.each(busUsers.map((s) => [s.name]))(
    '%s is told kafka, and only the log’s writers and readers get the broker’s address',
    (service) => {
      const config = configOf(kafka, service);
      expect(config.EVENT_STREAM).toBe('kafka');
      const onLog = [...orderEventLog.writers, ...orderEventLog.readers].includes(service as never);
      expect(config.KAFKA_BROKERS).toBe(onLog ? 'kafka.shop.svc.cluster.local:9092' : undefined);
    },
  );

  test('one KRaft node: a StatefulSet of one replica with a volume claim, probes and resources', () => {
    const statefulSet = named(kafka, 'StatefulSet', 'kafka');
    expect(statefulSet.spec.replicas).toBe(1);
    expect(statefulSet.spec.volumeClaimTemplates.map((c: any) => c.metadata.name)).toEqual([
      'data',
    ]);
    const [container] = podSpecOf(statefulSet).containers;
    expect(container.readinessProbe.tcpSocket.port).toBe('tcp-kafka');
    expect(container.livenessProbe.tcpSocket.port).toBe('tcp-kafka');
    expect(container.resources.requests).toEqual({ cpu: '100m', memory: '512Mi' });
    expect(container.resources.limits).toEqual({ cpu: '1', memory: '768Mi' });
    const properties = named(kafka, 'ConfigMap', 'kafka').data['server.properties'];
    expect(properties).toContain('process.roles=broker,controller\n');
    expect(properties).toContain('controller.quorum.bootstrap.servers=127.0.0.1:9093\n');
    expect(properties).not.toContain('controller.quorum.voters');
    expect(named(kafka, 'Service', 'kafka').spec).toEqual(
      expect.objectContaining({
        clusterIP: 'None',
        ports: [expect.objectContaining({ port: 9092, appProtocol: 'tcp' })],
      }),
    );
  });

  test('restricted: non-root, no privilege escalation or capabilities, RuntimeDefault seccomp, read-only root with writable volumes', () => {
    const pod = podSpecOf(named(kafka, 'StatefulSet', 'kafka'));
    const [container] = pod.containers;
    expect(pod.securityContext).toEqual(
      expect.objectContaining({
        runAsNonRoot: true,
        runAsUser: 1000,
        fsGroup: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      }),
    );
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const mounts = Object.fromEntries(container.volumeMounts.map((m: any) => [m.mountPath, m]));
    const properties = named(kafka, 'ConfigMap', 'kafka').data['server.properties'];
    const logDir = /^log\.dirs=(.*)$/m.exec(properties)![1]!;
    expect(mounts['/var/lib/kafka'].name).toBe('data');
    expect(logDir.startsWith('/var/lib/kafka/')).toBe(true);
    expect(mounts['/tmp'].readOnly).toBeUndefined();
    expect(mounts['/etc/kafka/shop']).toEqual(expect.objectContaining({ readOnly: true }));
  });

  test('the AuthorizationPolicy admits exactly the writers and readers, on the TCP port only', () => {
    const policy = named(kafka, 'AuthorizationPolicy', 'kafka-allow-callers');
    expect(policy.spec.rules).toEqual(
      [...orderEventLog.writers, ...orderEventLog.readers].map((service) => ({
        from: [{ source: { principals: [principalOf(service)] } }],
        to: [{ operation: { ports: ['9092'] } }],
      })),
    );
  });

  test('the NetworkPolicies: Kafka takes only order and analytics in and connects nowhere; only they reach it', () => {
    const policies = ofKind(kafka, 'NetworkPolicy');
    expect(kafkaPeers(named(kafka, 'NetworkPolicy', 'kafka'), 'ingress')).toEqual([
      'order',
      'analytics',
    ]);
    expect(named(kafka, 'NetworkPolicy', 'kafka').spec.egress).toEqual([]);
    const reaching = policies.filter((p) => kafkaPeers(p, 'egress').includes('kafka'));
    expect(reaching.map((p) => p.metadata.name).sort()).toEqual(['analytics', 'order']);
  });

  test('besides the Kafka objects, only the writers’ and readers’ NetworkPolicies and the bus users’ config change', () => {
    const key = (m: Manifest) => `${m.kind}/${m.metadata.name}`;
    const before = new Map(rabbitmq.map((m) => [key(m), JSON.stringify(m)]));
    const changed = kafka.filter((m) => before.get(key(m)) !== JSON.stringify(m)).map(key);
    const kafkaObjects = [
      'AuthorizationPolicy/kafka-allow-callers',
      'ConfigMap/kafka',
      'NetworkPolicy/kafka',
      'Service/kafka',
      'StatefulSet/kafka',
    ];
    // A Deployment changes by its config hash only, so that its pods roll onto the new ConfigMap.
    const config = busUsers.flatMap((s) => [
      `ConfigMap/${s.name}-config`,
      `Deployment/${s.name}-v1`,
    ]);
    expect(changed.sort()).toEqual(
      [...kafkaObjects, ...config, 'NetworkPolicy/analytics', 'NetworkPolicy/order'].sort(),
    );
    expect(kafka.length - rabbitmq.length).toBe(kafkaObjects.length);
  });
});
