import { createHash } from 'node:crypto';
import pg from 'pg';

/** The most statements one connection keeps prepared; past it, a query is parsed every time. */
export const MAX_PREPARED_PER_CONNECTION = 200;

type QueryText = { text: string; values?: unknown[]; name?: string; submit?: unknown };

/**
 * A pg client that prepares every parameterized statement once per connection: the first run
 * parses and plans it under a name derived from its text, later runs only bind and execute.
 * PostgreSQL's parse and plan are about a third of a short statement's CPU (docs/benchmarks.md).
 * Statements without parameters (BEGIN, COMMIT, migrations) are sent as they are. Named
 * statements live in the server session, so this needs a direct connection (or a pooler in
 * session mode), which every service here has.
 */
export class PreparingClient extends pg.Client {
  private readonly prepared = new Set<string>();

  override query(...args: unknown[]): never {
    const [config, values, ...rest] = args;
    const params = Array.isArray(values) ? values : undefined;
    const named = this.named(config, params);
    const sent = named ? [named, ...(params ? rest : [values, ...rest])] : args;
    return (super.query as (...a: unknown[]) => never)(...sent);
  }

  /** The query as a named statement, or undefined when it stays as it is. */
  private named(config: unknown, values: unknown[] | undefined): QueryText | undefined {
    const query: QueryText | undefined =
      typeof config === 'string'
        ? { text: config, values }
        : isPlainQuery(config)
          ? { ...config, values: values ?? config.values }
          : undefined;
    if (!query?.values?.length) return undefined;
    const name = statementName(query.text);
    if (!this.prepared.has(name)) {
      if (this.prepared.size >= MAX_PREPARED_PER_CONNECTION) return undefined;
      this.prepared.add(name);
    }
    return { ...query, name };
  }
}

const names = new Map<string, string>();

/** `shop_` and a hash of the text: the same statement has one name on every connection. */
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `shop_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size < 10 * MAX_PREPARED_PER_CONNECTION) names.set(text, name);
  }
  return name;
}

function isPlainQuery(config: unknown): config is QueryText {
  if (typeof config !== 'object' || config === null) return false;
  const q = config as QueryText;
  return typeof q.text === 'string' && q.name === undefined && q.submit === undefined;
}
