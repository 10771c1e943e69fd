import { createMetrics, loadConfig } from '@shop/common';
import { urlEnvName } from '@shop/topology';
import { testLogger } from '@shop/common/testing';
import type { Express } from 'express';
import { createApp } from '../../src/app';
import { configSchema, UPSTREAMS } from '../../src/config';
import { buildOpenApiDocument, openApiPath } from '../../src/openapi/document';
import { ROUTES } from '../../src/routes/table';
import { startGateway } from '../support/gateway';

/**
 * Served on the same port for the kubelet, and the web app's pages (every other GET outside
 * /api/, a pattern route): not part of the public API.
 */
const OPERATIONAL = new Set(['GET /healthz', 'GET /readyz', 'GET (web app)']);

interface Layer {
  route?: { path: string | RegExp; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  slash?: boolean;
}

/** Every method + path the Express app routes, found by walking its router. */
function servedOperations(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
        const path = layer.route.path;
        const served = typeof path === 'string' ? openApiPath(path) : '(web app)';
        found.push(...methods.map((m) => `${m.toUpperCase()} ${served}`));
      } else if (layer.handle?.stack) {
        if (!layer.slash)
          throw new Error('a router mounted under a prefix: teach this walk its path');
        walk(layer.handle.stack);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found.filter((op) => !OPERATIONAL.has(op)).sort();
}

type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, Record<string, unknown>>;
};
type Operation = {
  operationId: string;
  security?: unknown[];
  parameters: Array<{ name: string; in: string }>;
  responses: Record<string, { $ref?: string; content?: Record<string, unknown> }>;
};

const documented = (doc: Document) =>
  Object.entries(doc.paths)
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

function gatewayApp(): Express {
  const env = Object.fromEntries(UPSTREAMS.map((u) => [urlEnvName(u), `http://${u}`]));
  const config = loadConfig(configSchema, { PORT: '8080', ...env });
  return createApp({
    config,
    log: testLogger(),
    metrics: createMetrics('gateway'),
    health: { draining: false },
  });
}

describe('GET /api/openapi.json', () => {
  const doc = buildOpenApiDocument(ROUTES) as Document;
  const operations = Object.values(doc.paths).flatMap((ops) => Object.entries(ops));

  test('is served as an OpenAPI 3.1 document', async () => {
    const gateway = await startGateway({});
    try {
      const res = await gateway.fetch('/api/openapi.json');

      expect(res.status).toBe(200);
      expect(await res.json()).toEqual(JSON.parse(JSON.stringify(doc)));
      expect(doc.openapi).toBe('3.1.0');
    } finally {
      await gateway.close();
    }
  });

  test('documents every route the gateway serves, and serves every route it documents', () => {
    const served = servedOperations(gatewayApp());
    const inDocument = documented(doc);

    expect({ servedButUndocumented: served.filter((op) => !inDocument.includes(op)) }).toEqual({
      servedButUndocumented: [],
    });
    expect({ documentedButNotServed: inDocument.filter((op) => !served.includes(op)) }).toEqual({
      documentedButNotServed: [],
    });
  });

  test('covers every route of the route table, and nothing else', () => {
    const table = ROUTES.map((r) => `${r.method} ${openApiPath(r.path)}`).sort();

    expect(documented(doc)).toEqual(table);
  });

  test('protects each non-public operation with the bearer JWT scheme and documents its 401 and 403', () => {
    for (const route of ROUTES) {
      const op = doc.paths[openApiPath(route.path)]![route.method.toLowerCase()]!;
      if (route.access === 'public') {
        expect(op.security).toBeUndefined();
        continue;
      }
      expect(op.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(op.responses)).toContain('401');
      if (route.access === 'admin') expect(Object.keys(op.responses)).toContain('403');
    }
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
  });

  test('answers every error as application/problem+json, with 429 everywhere', () => {
    for (const [, op] of operations) {
      const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
      expect(errors.map(([s]) => s)).toContain('429');
      for (const [status, response] of errors) {
        const resolved = doc.components.responses![`Problem${status}`] as { content: object };
        expect(response.$ref).toBe(`#/components/responses/Problem${status}`);
        expect(Object.keys(resolved.content)).toEqual(['application/problem+json']);
      }
    }
  });

  test('names each operation once and declares each path parameter', () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const inTemplate = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      for (const op of Object.values(ops)) {
        expect(op.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(inTemplate);
      }
    }
  });

  test('every $ref points at a component that exists', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [ref, kind, name] of refs) {
      expect({ ref, exists: name! in (doc.components[kind!] ?? {}) }).toEqual({
        ref,
        exists: true,
      });
    }
  });
});
