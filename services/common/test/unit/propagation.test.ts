import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contextFromHeaders, createHttpClient, runWithContext } from '../../src';

describe('outbound calls', () => {
  test('carry the request id and the W3C and B3 trace headers of the current request', async () => {
    let seen: Record<string, string | string[] | undefined> = {};
    const server = createServer((req, res) => {
      seen = req.headers;
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = createHttpClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      timeoutMs: 1000,
    });
    const incoming = {
      'x-request-id': 'req-42',
      'x-b3-traceid': '80f198ee56343ba864fe8b2a57d3eff7',
      'x-b3-spanid': 'e457b5a2e4d86bd1',
      'x-b3-sampled': '1',
      authorization: 'Bearer secret',
    };

    const res = await runWithContext(contextFromHeaders(incoming), () =>
      client.request('GET', '/x'),
    );
    server.close();

    expect(res).toEqual({ status: 200, body: { ok: true } });
    expect(seen['x-request-id']).toBe('req-42');
    expect(seen['x-b3-traceid']).toBe(incoming['x-b3-traceid']);
    expect(seen['x-b3-spanid']).toBe(incoming['x-b3-spanid']);
    expect(seen.traceparent).toMatch(/^00-80f198ee56343ba864fe8b2a57d3eff7-[0-9a-f]{16}-01$/);
    expect(seen.authorization).toBeUndefined();
  });

  test('a silent upstream is a 504 AppError at the deadline', async () => {
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = createHttpClient({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      timeoutMs: 100,
    });
    await expect(client.request('GET', '/slow')).rejects.toMatchObject({ status: 504 });
    server.closeAllConnections();
    server.close();
  });
});
