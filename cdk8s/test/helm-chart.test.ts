import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse, parseAllDocuments } from 'yaml';
import { writeHelmChart } from '../src/helm/helm-chart';
import { SHOP_NAMESPACE } from '../src/naming';
import { repoRoot, synthesize, synthesizeToDirectory, type Manifest } from './support/manifests';
import { runTool } from './support/tools';

const chartDir = join(repoRoot, 'charts', 'shop');

function filesUnder(dir: string): Map<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) =>
    e.isFile(),
  );
  return new Map(
    files.map((e) => [
      relative(dir, join(e.parentPath, e.name)),
      readFileSync(join(e.parentPath, e.name), 'utf8'),
    ]),
  );
}

function helmTemplate(...extra: string[]) {
  const result = runTool('helm', [
    'template',
    'shop',
    chartDir,
    '--kube-version',
    '1.34.0',
    '--namespace',
    SHOP_NAMESPACE,
    ...extra,
  ]);
  expect(result).toEqual({ status: 0, output: expect.any(String) });
  return parseAllDocuments(result.output)
    .map((d) => d.toJS())
    .filter(Boolean);
}

const identity = (m: Manifest) => `${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
const canonicalOrder = (manifests: Manifest[]) =>
  [...manifests].sort((a, b) => identity(a).localeCompare(identity(b)));

describe('charts/shop', () => {
  test('is exactly what `make charts` generates from the current cdk8s app and topology (if not: run `make charts`)', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'shop-chart-'));
    writeHelmChart(
      {
        rabbitmq: synthesizeToDirectory(),
        kafka: synthesizeToDirectory({ eventStream: 'kafka' }),
      },
      fresh,
    );
    const committed = filesUnder(chartDir);
    const generated = filesUnder(fresh);
    expect([...committed.keys()].sort()).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) {
      expect({ file, text: committed.get(file) }).toEqual({ file, text });
    }
  });

  test('Chart.yaml validates against the Chart.yaml schema and has a SemVer 2 version', () => {
    const schema = JSON.parse(
      readFileSync(join(repoRoot, 'cdk8s', 'schemas', 'helm', 'chart.json'), 'utf8'),
    );
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const chart = parse(readFileSync(join(chartDir, 'Chart.yaml'), 'utf8'));
    const validate = ajv.compile(schema);
    expect(validate(chart) ? [] : validate.errors).toEqual([]);
    expect(chart.version).toMatch(
      /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/,
    );
  });

  test('passes `helm lint --strict`', () => {
    const result = runTool('helm', ['lint', '--strict', chartDir]);
    expect(result).toEqual({ status: 0, output: expect.stringContaining('0 chart(s) failed') });
  });

  test('`helm template` with default values renders exactly the synthesized objects', () => {
    // Helm reorders objects by kind for installation; compare them in one canonical order.
    expect(canonicalOrder(helmTemplate())).toEqual(canonicalOrder(synthesize()));
  });

  test('`helm template` with eventStream=kafka renders exactly the EVENT_STREAM=kafka synthesis', () => {
    const rendered = helmTemplate('--set', 'eventStream=kafka');
    expect(canonicalOrder(rendered)).toEqual(canonicalOrder(synthesize({ eventStream: 'kafka' })));
    expect(rendered.filter((m) => m.kind === 'StatefulSet').map((m) => m.metadata.name)).toContain(
      'kafka',
    );
  });

  test('a release in another namespace names that namespace everywhere, and leaves the mesh-wide objects to the first', () => {
    const rendered = helmTemplate('--namespace', 'shop-helm', '--set', 'meshRootObjects=false');
    const text = JSON.stringify(rendered);
    expect(text).not.toMatch(/"namespace":"shop"|\.shop\.svc|\/ns\/shop\//);
    expect(rendered.find((m) => m.kind === 'Namespace')?.metadata.name).toBe('shop-helm');
    expect(new Set(rendered.map((m) => m.metadata.namespace))).toEqual(new Set(['shop-helm']));
    expect(helmTemplate().filter((m) => m.metadata.namespace === 'istio-system')).not.toEqual([]);
  });

  test('`helm template` takes the image registry and tag from values', () => {
    const rendered = helmTemplate(
      '--set',
      'image.registry=registry.example/shop',
      '--set',
      'image.tag=1.2.3',
    );
    const images = rendered
      .filter((m) => m.kind === 'Deployment')
      .map((m) => m.spec.template.spec.containers[0].image);
    expect(images).toContain('registry.example/shop/gateway:1.2.3');
    expect(images.every((image: string) => image.endsWith(':1.2.3'))).toBe(true);
  });
});
