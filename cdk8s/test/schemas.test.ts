import { synthesize, type Manifest } from './support/manifests';
import { istioValidator, kubernetesValidator } from './support/schema-validators';

const kubernetes = kubernetesValidator();
const istio = istioValidator();

const variants: Array<[string, Manifest[]]> = [
  ['the default synthesis', synthesize()],
  ['EVENT_STREAM=kafka', synthesize({ eventStream: 'kafka' })],
  [
    'a canary with faults',
    synthesize({
      canary: { service: 'product', weight: 10 },
      faults: {
        service: 'product',
        delay: { percent: 50, fixedDelay: '2s' },
        abort: { percent: 10, httpStatus: 503 },
      },
    }),
  ],
];

describe.each(variants)('%s', (_name, manifests) => {
  test('every object is a Kubernetes 1.34 built-in or an Istio 1.30 custom resource', () => {
    const unknown = manifests.filter((m) => !kubernetes.knows(m) && !istio.knows(m));
    expect(unknown.map((m) => `${m.apiVersion}/${m.kind}`)).toEqual([]);
  });

  test('built-in objects validate against the Kubernetes schema with unknown fields rejected', () => {
    const problems = manifests
      .filter((m) => kubernetes.knows(m))
      .flatMap((m) => kubernetes.validate(m).map((e) => `${m.kind}/${m.metadata.name}: ${e}`));
    expect(problems).toEqual([]);
  });

  test('Istio objects validate against the CRD schemas with unknown fields rejected', () => {
    const problems = manifests
      .filter((m) => istio.knows(m))
      .flatMap((m) => istio.validate(m).map((e) => `${m.kind}/${m.metadata.name}: ${e}`));
    expect(problems).toEqual([]);
  });
});

describe('the strict validators', () => {
  const deployment = synthesize().find((m) => m.kind === 'Deployment')!;
  const virtualService = synthesize().find((m) => m.kind === 'VirtualService')!;

  test('reject a misspelled Kubernetes field', () => {
    const typo = { ...deployment, spec: { ...deployment.spec, replica: 2 } };
    expect(kubernetes.validate(typo).join()).toMatch(
      /must NOT have additional properties.*"replica"/,
    );
  });

  test('reject a misspelled Istio field', () => {
    const typo = { ...virtualService, spec: { ...virtualService.spec, host: ['x'] } };
    expect(istio.validate(typo).join()).toMatch(/must NOT have additional properties.*"host"/);
  });
});
