import { spawnSync } from 'node:child_process';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { urlEnvName } from '@shop/common';
import { freePort, startService, waitFor } from '@shop/common/testing';
import { UPSTREAMS } from '../../src/config';
import { listen } from '../support/servers';

const MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

const upstreamEnv = (url: string) => Object.fromEntries(UPSTREAMS.map((u) => [urlEnvName(u), url]));

describe('the gateway process (built: run `npx tsc --build` first)', () => {
  test('on SIGTERM, finishes the request in flight and exits 0', async () => {
    const held: ServerResponse[] = [];
    const product = await listen((_req, res) => held.push(res));
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

  test('a missing upstream URL stops the start with exit 1, naming the variable', () => {
    const env = { PATH: process.env.PATH ?? '', PORT: '1', ...upstreamEnv('http://127.0.0.1:1') };
    delete env.ANALYTICS_URL;

    const run = spawnSync(process.execPath, [MAIN], { env, encoding: 'utf8', timeout: 10_000 });

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ANALYTICS_URL');
  });
});
