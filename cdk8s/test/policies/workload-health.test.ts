import { topology } from '@shop/topology';
import { EVERY_WORKLOAD, named, podSpecOf, synthesize, WORKLOAD_KINDS } from '../support/manifests';

const manifests = synthesize(EVERY_WORKLOAD);
const containers = manifests
  .filter((m) => WORKLOAD_KINDS.includes(m.kind))
  .flatMap((w) =>
    podSpecOf(w).containers.map((c: any) => [`${w.kind}/${w.metadata.name} ${c.name}`, c] as const),
  );

describe('every container', () => {
  test.each(containers)('%s has readiness and liveness probes', (_name, c) => {
    expect(c.readinessProbe).toBeDefined();
    expect(c.livenessProbe).toBeDefined();
  });

  test.each(containers)('%s requests and limits CPU and memory', (_name, c) => {
    for (const bound of ['requests', 'limits']) {
      expect(c.resources[bound]).toEqual({ cpu: expect.anything(), memory: expect.anything() });
    }
  });
});

describe.each(topology.map((s) => [s.name, s] as const))('service %s', (name, spec) => {
  const deployment = named(manifests, 'Deployment', `${name}-v1`);
  const container = podSpecOf(deployment).containers[0];

  test('probes /readyz for startup and readiness and /healthz for liveness, on its HTTP port', () => {
    expect(container.startupProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.ports).toContainEqual({
      name: 'http',
      containerPort: spec.httpPort,
      protocol: 'TCP',
    });
  });

  test('pauses before SIGTERM so endpoints and the mesh drain first, within its grace period', () => {
    expect(container.lifecycle.preStop.sleep.seconds).toBeGreaterThan(0);
    expect(podSpecOf(deployment).terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
  });

  test('holds the application until its Istio proxy is ready', () => {
    const config = JSON.parse(
      deployment.spec.template.metadata.annotations['proxy.istio.io/config'],
    );
    expect(config.holdApplicationUntilProxyStarts).toBe(true);
  });

  test('spreads its pods over nodes and has an autoscaler and a disruption budget', () => {
    expect(podSpecOf(deployment).topologySpreadConstraints).toContainEqual(
      expect.objectContaining({ topologyKey: 'kubernetes.io/hostname' }),
    );
    const hpa = named(manifests, 'HorizontalPodAutoscaler', `${name}-v1`);
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef.name).toBe(`${name}-v1`);
    expect(named(manifests, 'PodDisruptionBudget', name).spec.selector.matchLabels).toEqual({
      app: name,
    });
  });

  test('names its Service ports http and grpc', () => {
    const ports = named(manifests, 'Service', name).spec.ports.map((p: any) => p.name);
    expect(ports).toEqual(spec.grpcPort ? ['http', 'grpc'] : ['http']);
  });

  test('takes credentials only from Secrets, never as literal env values', () => {
    const literal = (container.env ?? []).filter((e: any) => e.value !== undefined);
    expect(literal).toEqual([]);
    const config = named(manifests, 'ConfigMap', `${name}-config`).data;
    expect(
      Object.keys(config).filter((k) =>
        /PASSWORD|SECRET|PRIVATE_KEY|DATABASE_URL|AMQP_URL|MONGO_URL/.test(k),
      ),
    ).toEqual([]);
  });
});

describe('the gateway, public through the ingress', () => {
  const deployment = named(manifests, 'Deployment', 'gateway-v1');
  const annotations = deployment.spec.template.metadata.annotations;
  const config = named(manifests, 'ConfigMap', 'gateway-config');

  test('is scraped on its private METRICS_PORT, which its Service does not expose', () => {
    const servicePorts = named(manifests, 'Service', 'gateway').spec.ports;

    expect(annotations['prometheus.io/port']).toBe(config.data.METRICS_PORT);
    expect(config.data.METRICS_PORT).not.toBe(config.data.PORT);
    for (const port of servicePorts) {
      expect(String(port.targetPort)).not.toBe(config.data.METRICS_PORT);
      expect(String(port.port)).not.toBe(config.data.METRICS_PORT);
    }
  });
});

describe('the gateway replicas, one rate-limit budget', () => {
  test('read RATE_LIMIT_DATABASE_URL from a database of their own, which PostgreSQL lets them reach', () => {
    const container = podSpecOf(named(manifests, 'Deployment', 'gateway-v1')).containers[0];
    const url = container.env.find((e: any) => e.name === 'RATE_LIMIT_DATABASE_URL');
    const secret = named(manifests, 'Secret', url.valueFrom.secretKeyRef.name);

    expect(url.valueFrom.secretKeyRef.key).toBe('gateway-database-url');
    expect(secret.stringData['gateway-database-url']).toMatch(/^postgres:\/\/gateway:.+\/gateway$/);
    const callers = named(manifests, 'AuthorizationPolicy', 'postgres-allow-callers').spec.rules;
    expect(callers.flatMap((r: any) => r.from[0].source.principals)).toContain(
      'cluster.local/ns/shop/sa/gateway',
    );
  });
});

describe('the saga participants', () => {
  test('order, inventory and payment all carry the one system-wide SAGA_MODE', () => {
    const modes = ['order', 'inventory', 'payment'].map(
      (name) => named(manifests, 'ConfigMap', `${name}-config`).data.SAGA_MODE,
    );
    expect(modes).toEqual(['orchestration', 'orchestration', 'orchestration']);
  });
});
