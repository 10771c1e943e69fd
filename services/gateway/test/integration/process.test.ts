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

  test('a missing upstream URL stops the start with exit 1, naming the variable', async () => {
    const env: Record<string, string> = { PORT: '1', ...upstreamEnv('http://127.0.0.1:1') };
    delete env.ANALYTICS_URL;

    const exit = await runServiceToExit('gateway', env);

    expect(exit).toMatchObject({ code: 1, stderr: expect.stringContaining('ANALYTICS_URL') });
  });
});
