import { createMetrics, loadConfig, type Metrics } from '@shop/common';
import { urlEnvName, type ServiceName } from '@shop/topology';
import { freePort, listenOnFreePort, testLogger, type TestServer } from '@shop/common/testing';
import { createApp, type GatewayDeps } from '../../src/app';
import { configSchema, UPSTREAMS } from '../../src/config';

export interface TestGateway extends TestServer {
  readonly metrics: Metrics;
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * The gateway app on a free port. Upstreams not given in `upstreams` point at a port where
 * nothing listens.
 */
export async function startGateway(
  upstreams: Partial<Record<ServiceName, string>>,
  env: Record<string, string> = {},
  deps: Partial<Pick<GatewayDeps, 'resolver' | 'verifier' | 'streams'>> = {},
): Promise<TestGateway> {
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  const urls = Object.fromEntries(
    UPSTREAMS.map((name) => [urlEnvName(name), upstreams[name] ?? nowhere]),
  );
  const config = loadConfig(configSchema, { PORT: '8080', ...urls, ...env });
  const metrics = createMetrics('gateway');
  const app = createApp({
    config,
    log: testLogger('gateway'),
    metrics,
    health: { draining: false },
    ...deps,
  });
  const server = await listenOnFreePort(app);
  return { ...server, metrics, fetch: (path, init) => fetch(server.url + path, init) };
}

/** The Authorization header for a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
