import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';
import type { Manifest } from './manifests';

const schemasDir = join(__dirname, '..', '..', 'schemas');

export type Validator = (manifest: Manifest) => string[];

function newAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const format of ['int32', 'int64', 'double', 'float', 'byte', 'int-or-string']) {
    ajv.addFormat(format, true);
  }
  return ajv;
}

/**
 * Rejects unknown fields, as `kubeconform -strict` does: every object schema with `properties`
 * (and no escape hatch for arbitrary fields) gets `additionalProperties: false`.
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const entries = Object.entries(schema).map(([k, v]) => [
    k,
    k === 'properties' ? closeProperties(v) : closeObjects(v),
  ]);
  const result = Object.fromEntries(entries);
  const open =
    result['x-kubernetes-preserve-unknown-fields'] === true || 'additionalProperties' in result;
  if (result.properties && !open) result.additionalProperties = false;
  return result;
}

function closeProperties(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, closeObjects(s)]));
}

const errorsOf = (validate: ValidateFunction) =>
  (validate.errors ?? []).map(
    (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
  );

/** Validates built-in objects against the Kubernetes 1.34 OpenAPI definitions, strictly. */
export function kubernetesValidator(): { validate: Validator; knows: (m: Manifest) => boolean } {
  const file = join(schemasDir, 'kubernetes', 'v1.34.0', '_definitions.json');
  const definitions = JSON.parse(readFileSync(file, 'utf8')).definitions as Record<string, any>;
  const byKind = new Map<string, string>();
  for (const [name, def] of Object.entries(definitions)) {
    for (const gvk of def['x-kubernetes-group-version-kind'] ?? []) {
      byKind.set(`${gvk.group ? `${gvk.group}/` : ''}${gvk.version}/${gvk.kind}`, name);
    }
  }
  const ajv = newAjv();
  ajv.addSchema({ $id: 'k8s', definitions: closeObjects(definitions) as object });
  const compiled = new Map<string, ValidateFunction>();
  const key = (m: Manifest) => `${m.apiVersion}/${m.kind}`;
  return {
    knows: (m) => byKind.has(key(m)),
    validate: (m) => {
      const name = byKind.get(key(m));
      if (!name) return [`unknown kind ${key(m)}`];
      const validate = compiled.get(name) ?? ajv.getSchema(`k8s#/definitions/${name}`)!;
      compiled.set(name, validate);
      return validate(m) ? [] : errorsOf(validate);
    },
  };
}

/** Validates Istio objects' spec against the CRDs' openAPIV3Schema of their version, strictly. */
export function istioValidator(): { validate: Validator; knows: (m: Manifest) => boolean } {
  const text = readFileSync(join(schemasDir, 'istio', 'crd-all.gen.yaml'), 'utf8');
  const ajv = newAjv();
  const byKind = new Map<string, ValidateFunction>();
  for (const doc of parseAllDocuments(text)) {
    const crd = doc.toJS();
    if (!crd) continue;
    for (const version of crd.spec.versions) {
      const schema = closeObjects(version.schema.openAPIV3Schema) as object;
      byKind.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(schema));
    }
  }
  const key = (m: Manifest) => `${m.apiVersion}/${m.kind}`;
  return {
    knows: (m) => byKind.has(key(m)),
    validate: (m) => {
      const validate = byKind.get(key(m));
      if (!validate) return [`unknown kind ${key(m)}`];
      const { apiVersion: _a, kind: _k, metadata: _m, ...body } = m;
      return validate(body) ? [] : errorsOf(validate);
    },
  };
}
