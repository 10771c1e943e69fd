import type { ServerResponse } from 'node:http';
import { urlEnvName } from '@shop/topology';
import {
  freePort,
  listenOnFreePort,
  runServiceToExit,
  startService,
  waitFor,
} from '@shop/common/testing';
import { UPSTREAMS } from '../../src/config';

const upstreamEnv = (url: string) => Object.fromEntries(UPSTREAMS.map((u) => [urlEnvName(u), url]));

describe('the gateway process (built: run `npx tsc --build` first)', () => {
  test('on SIGTERM, finishes the request in flight and exits 0', async () => {
    const held: ServerResponse[] = [];
    const product = await listenOnFreePort((_req, res) => held.push(res));
    const gateway = await startService('gateway', {
      PORT: String(await freePort()),
      LOG_LEVEL: 'info',
      ...upstreamEnv(product.url),
    });
    try {
      const inFlight = fetch(`${gateway.url}/api/products`);
      await waitFor(() => held.length === 1, { what: 'the request to reach the upstream' });

      const exited = gateway.stop('SIGTERM');
      await waitFor(() => gateway.output().includes('shutting down'), {
        what: 'shutdown to begin',
      });
      held[0]!.setHeader('content-type', 'application/json');
      held[0]!.end('{"items":[]}');

      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ items: [] });
      expect(await exited).toBe(0);
    } finally {
      await gateway.stop('SIGKILL');
      await product.close();
    }
  });

  test('starts and proxies without a deprecation warning (no DEP0060 from a proxy library)', async () => {
    const product = await listenOnFreePort((_req, res) => res.end('{"items":[]}'));
    const gateway = await startService('gateway', {
      PORT: String(await freePort()),
      ...upstreamEnv(product.url),
    });
    try {
      expect((await fetch(`${gateway.url}/api/products`)).status).toBe(200);

      expect(await gateway.stop('SIGTERM')).toBe(0);
      expect(gateway.output()).not.toMatch(/DeprecationWarning|DEP0\d+/);
    } finally {
      await gateway.stop('SIGKILL');
      await product.close();
    }
  });

  test('/metrics is served on METRICS_PORT only: the public port answers it 404', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const gateway = await startService('gateway', {
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      ...upstreamEnv('http://127.0.0.1:1'),
    });
    try {
      const pub = await fetch(`http://127.0.0.1:${port}/metrics`);
      const priv = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);

      expect(pub.status).toBe(404);
      expect(pub.headers.get('content-type')).toContain('application/problem+json');
      expect(await pub.text()).not.toContain('http_request_duration_seconds');
      expect(priv.status).toBe(200);
      // The public port's 404 is counted there: these are the gateway's own metrics.
      expect(await priv.text()).toMatch(/^http_request_duration_seconds_count\{[^}]*status="404"/m);
    } finally {
      await gateway.stop('SIGKILL');
    }
  });

  test('a missing upstream URL stops the start with exit 1, naming the variable', async () => {
    const env: Record<string, string> = { PORT: '1', ...upstreamEnv('http://127.0.0.1:1') };
    delete env.ANALYTICS_URL;

    const exit = await runServiceToExit('gateway', env);

    expect(exit).toMatchObject({ code: 1, stderr: expect.stringContaining('ANALYTICS_URL') });
  });
});
