import path from 'node:path';
import { EVENT_TYPES, serviceSpec, topology, type ServiceName } from '@shop/topology';
import ts from 'typescript';

/**
 * Each service's publications, read from its source with the TypeScript checker (so it
 * covers both saga modes and every code path, with no broker): an event type is published
 * where it is the type of an envelope being built (the first argument of a call that
 * returns an `EventEnvelope`: `createEvent` and the services' helpers around it) or of a
 * saga `Message` (order's messages, enveloped later). A call that forwards any event type
 * (the helpers' own `createEvent`, order's `envelopes`) names none itself.
 */
const ROOT = path.join(__dirname, '..', '..');
const ALL_TYPES = new Set<string>(EVENT_TYPES);

function program(): ts.Program {
  const config = ts.readConfigFile(path.join(ROOT, 'tsconfig.test.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const files = ts.sys
    .readDirectory(path.join(ROOT, 'services'), ['.ts'], ['**/node_modules', '**/dist'])
    .filter((f) => f.includes('/src/') && !f.includes('/src/client/'));
  return ts.createProgram(files, { ...options, noEmit: true });
}

/** The event type literals a type stands for, or none when it could be any of them. */
function eventTypesOf(type: ts.Type): string[] {
  const members = type.isUnion() ? type.types : [type];
  const names = members.flatMap((t) => (t.isStringLiteral() ? [t.value] : []));
  const named = names.filter((n) => ALL_TYPES.has(n));
  return named.length === ALL_TYPES.size ? [] : named;
}

function publishedIn(file: ts.SourceFile, checker: ts.TypeChecker): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && node.arguments[0]) {
      const returned = checker.getTypeAtLocation(node);
      if (
        returned.aliasSymbol?.name === 'EventEnvelope' ||
        returned.symbol?.name === 'EventEnvelope'
      ) {
        found.push(...eventTypesOf(checker.getTypeAtLocation(node.arguments[0])));
      }
    }
    if (ts.isObjectLiteralExpression(node)) {
      const contextual = checker.getContextualType(node);
      const type = node.properties.find((p) => p.name?.getText() === 'type');
      if (contextual?.aliasSymbol?.name === 'Message' && type && ts.isPropertyAssignment(type)) {
        found.push(...eventTypesOf(checker.getTypeAtLocation(type.initializer)));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function publicationsByService(): Map<ServiceName, string[]> {
  const built = program();
  const checker = built.getTypeChecker();
  const byService = new Map<ServiceName, Set<string>>(topology.map((s) => [s.name, new Set()]));
  for (const file of built.getSourceFiles()) {
    const match = /\/services\/([a-z]+)\/src\//.exec(file.fileName);
    const service = byService.get(match?.[1] as ServiceName);
    if (service) for (const type of publishedIn(file, checker)) service.add(type);
  }
  return new Map([...byService].map(([name, types]) => [name, [...types].sort()]));
}

describe('publications', () => {
  let actual: Map<ServiceName, string[]>;
  beforeAll(() => {
    actual = publicationsByService();
  }, 300_000);

  test.each(topology.map((s) => [s.name] as const))(
    'service %s publishes exactly the events the topology says it publishes',
    (name) => {
      expect(actual.get(name)).toEqual([...serviceSpec(name).publishes].sort());
    },
  );
});
