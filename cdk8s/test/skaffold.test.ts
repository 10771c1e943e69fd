import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { topology } from '@shop/topology';
import Ajv from 'ajv';
import { parseAllDocuments } from 'yaml';
import { APP_UID } from '../src/security';
import { withSkaffoldArtifacts } from '../src/skaffold-artifacts';
import { repoRoot, synthesize } from './support/manifests';

const read = (...path: string[]) => readFileSync(join(repoRoot, ...path), 'utf8');
const documents = parseAllDocuments(read('skaffold.yaml')).map((d) => d.toJS());
const config = documents[0];

function skaffoldSchemaValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addKeyword('preferredOrder');
  ajv.addKeyword('x-intellij-html-description');
  return ajv.compile(JSON.parse(read('cdk8s', 'schemas', 'skaffold', 'v4beta14.json')));
}

describe('skaffold.yaml', () => {
  const validate = skaffoldSchemaValidator();

  test('is one skaffold/v4beta14 Config that validates against the official schema', () => {
    expect(documents).toHaveLength(1);
    expect([config.apiVersion, config.kind]).toEqual(['skaffold/v4beta14', 'Config']);
    expect(validate(config) ? [] : validate.errors).toEqual([]);
  });

  test('the schema check is live: a misspelled field fails it', () => {
    expect(validate({ ...config, deploy: { kubectl: { hook: {} } } })).toBe(false);
  });

  test('builds one artifact per service of the topology, from a Dockerfile and context that exist', () => {
    const images = topology.map((s) => `shop/${s.name}`);
    const artifacts = config.build.artifacts;
    expect(artifacts.map((a: any) => a.image).sort()).toEqual(images.sort());
    for (const artifact of artifacts) {
      const service = artifact.docker.buildArgs.SERVICE;
      expect(artifact.image).toBe(`shop/${service}`);
      expect(existsSync(join(repoRoot, artifact.context, artifact.docker.dockerfile))).toBe(true);
      expect(
        existsSync(join(repoRoot, artifact.context, 'services', service, 'package.json')),
      ).toBe(true);
    }
  });

  test('its artifacts are what `make charts` writes for the topology (if not: run `make charts`)', () => {
    expect(withSkaffoldArtifacts(read('skaffold.yaml'), topology)).toBe(read('skaffold.yaml'));
  });

  test('every image the manifests deploy for the services is an artifact skaffold builds', () => {
    const artifactImages = new Set(config.build.artifacts.map((a: any) => a.image));
    const ownImages = synthesize()
      .filter((m) => m.kind === 'Deployment')
      .map((m) => m.spec.template.spec.containers[0].image.split(':')[0]);
    expect(ownImages.filter((image) => !artifactImages.has(image))).toEqual([]);
  });

  test('deploys the cdk8s output with kubectl and has the minikube, canary, faults and release profiles', () => {
    expect(config.manifests.rawYaml).toEqual(['dist/*.k8s.yaml']);
    expect(config.manifests.hooks.before[0].host.command).toEqual(['make', 'synth']);
    expect(config.deploy.kubectl).toBeDefined();
    const profiles = Object.fromEntries(config.profiles.map((p: any) => [p.name, p]));
    expect(Object.keys(profiles).sort()).toEqual(['canary', 'faults', 'minikube', 'release']);
    expect(profiles.minikube.activation).toEqual([{ kubeContext: 'minikube' }]);
    expect(JSON.stringify(profiles.canary.manifests)).toContain('SHOP_CANARY');
    expect(JSON.stringify(profiles.faults.manifests)).toContain('SHOP_FAULT_ABORT');
    expect(profiles.release.build.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  });

  test('forwards the Istio ingress gateway', () => {
    expect(config.portForward).toContainEqual(
      expect.objectContaining({
        resourceName: 'istio-ingressgateway',
        namespace: 'istio-system',
        port: 80,
      }),
    );
  });
});

describe('the shared Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  test('builds on the Node version the repository pins, as a slim image', () => {
    const pinned = /^NODE_VERSION=(\S+)$/m.exec(read('scripts', 'ensure-node.sh'))?.[1];
    expect(dockerfile).toMatch(
      new RegExp(`^ARG NODE_IMAGE=node:${pinned!.replaceAll('.', '\\.')}-[a-z]+-slim$`, 'm'),
    );
  });

  test('is multi-stage and runs as the numeric non-root user the manifests name', () => {
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(new RegExp(`^USER ${APP_UID}:${APP_UID}$`, 'm'));
    expect(dockerfile).toMatch(/npm ci .*--omit=dev/);
  });

  test('.dockerignore keeps installed and built files out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});
