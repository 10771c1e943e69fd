import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { DeliveryOptions } from '../src/config/delivery-options';
import { repoRoot, synthesizeToDirectory } from './support/manifests';
import { runTool } from './support/tools';

const profilePath = join(repoRoot, 'mesh', 'istio-install.yaml');
const pinnedIstioVersion = /^ISTIO_VERSION := (\S+)$/m.exec(
  readFileSync(join(repoRoot, 'mk', 'k8s.mk'), 'utf8'),
)?.[1];

/** `istioctl manifest generate` of the install profile: what `make mesh` would apply, rendered offline. */
function installManifest(): string {
  const result = runTool('istioctl', ['manifest', 'generate', '-f', profilePath]);
  expect(result.status).toBe(0);
  const file = join(mkdtempSync(join(tmpdir(), 'istio-install-')), 'istio.yaml');
  writeFileSync(file, result.output);
  return file;
}

function analyze(files: string[]) {
  return runTool('istioctl', [
    'analyze',
    '--use-kube=false',
    '--all-namespaces',
    '--failure-threshold',
    'Info',
    ...files,
  ]);
}

const yamlFilesIn = (dir: string) => readdirSync(dir).map((f) => join(dir, f));

describe('the istioctl install profile (mesh/istio-install.yaml)', () => {
  const objects = () =>
    parseAllDocuments(readFileSync(installManifest(), 'utf8'))
      .map((d) => d.toJS())
      .filter(Boolean);

  test('installs the Istio version of the vendored CRDs, pinned in mk/k8s.mk', () => {
    expect(pinnedIstioVersion).toBe('1.30.3');
    expect(parse(readFileSync(profilePath, 'utf8')).spec.tag).toBe(pinnedIstioVersion);
    const images = JSON.stringify(objects()).match(/docker\.io\/istio\/[a-z-]+:[\w.-]+/g) ?? [];
    expect(new Set(images.map((i) => i.split(':')[1]))).toEqual(new Set([pinnedIstioVersion]));
  });

  test('renders offline with access logs, spans over OTLP to the Jaeger collector, hold-until-proxy-starts, CNI and Envoy-side JWKS fetches', () => {
    const rendered = objects();
    const mesh = parse(
      rendered.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio').data.mesh,
    );
    expect(mesh.accessLogFile).toBe('/dev/stdout');
    expect(mesh.defaultConfig.holdApplicationUntilProxyStarts).toBe(true);
    expect(mesh.enableTracing).toBe(true);
    const tracer = mesh.extensionProviders.find(
      (p: { name: string }) => p.name === mesh.defaultProviders.tracing[0],
    );
    expect(tracer.opentelemetry).toEqual({
      service: 'jaeger-collector.istio-system.svc.cluster.local',
      port: 4317,
    });
    expect(
      rendered.some((o) => o.kind === 'DaemonSet' && o.metadata.name === 'istio-cni-node'),
    ).toBe(true);
    const istiod = rendered.find((o) => o.kind === 'Deployment' && o.metadata.name === 'istiod');
    expect(istiod.spec.template.spec.containers[0].env).toContainEqual({
      name: 'PILOT_JWT_ENABLE_REMOTE_JWKS',
      value: 'envoy',
    });
  });
});

describe('istioctl analyze --use-kube=false over the synthesized objects and the mesh install', () => {
  const variants: Array<[string, Partial<DeliveryOptions>]> = [
    ['the default synthesis', {}],
    ['EVENT_STREAM=kafka', { eventStream: 'kafka' }],
    [
      'a canary with fault injection',
      {
        canary: { service: 'product', weight: 10 },
        faults: { service: 'product', abort: { percent: 5, httpStatus: 503 } },
      },
    ],
  ];

  test.each(variants)('%s: no errors, no warnings, no notes', (_name, options) => {
    const result = analyze([installManifest(), ...yamlFilesIn(synthesizeToDirectory(options))]);
    expect(result).toEqual({
      status: 0,
      output: expect.stringContaining('No validation issues found'),
    });
  });

  test('reports a route to a subset no DestinationRule defines (the check is live)', () => {
    const dir = synthesizeToDirectory();
    const broken = join(dir, '9999-broken.yaml');
    writeFileSync(
      broken,
      'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: broken, namespace: shop}\n' +
        'spec:\n  hosts: [user]\n  http:\n  - route:\n    - destination: {host: user, subset: v9}\n',
    );
    const result = analyze(yamlFilesIn(dir));
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/IST0101.*v9/);
  });
});
