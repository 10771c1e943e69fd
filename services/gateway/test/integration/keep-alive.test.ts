import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { listenOnFreePort, type TestServer } from '@shop/common/testing';
import { bearer, startGateway, type TestGateway } from '../support/gateway';
import { createSigningKey, signToken, startJwksServer, type JwksServer } from '../support/tokens';

/**
 * An upstream that plays the losing side of the keep-alive race on every connection: it
 * answers the first request (keeping the connection open), then closes the connection as
 * the next request on it arrives, without an answer, as a server does when its keep-alive
 * timer fires just as a pooled socket is reused.
 */
async function startRacingUpstream() {
  const served = new WeakMap<Socket, number>();
  const counts = { answered: 0, cut: 0, requests: [] as string[] };
  const server = await listenOnFreePort((req, res) => {
    counts.requests.push(`${req.method} ${req.url}`);
    const n = (served.get(req.socket) ?? 0) + 1;
    served.set(req.socket, n);
    if (n > 1) {
      counts.cut += 1;
      req.socket.destroy();
      return;
    }
    counts.answered += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ id: req.url?.split('/').pop(), status: 'CONFIRMED' }));
  });
  return { ...server, counts };
}

describe('keep-alive sockets the upstream closed', () => {
  let order: TestServer & { counts: Awaited<ReturnType<typeof startRacingUpstream>>['counts'] };
  let jwks: JwksServer;
  let gateway: TestGateway;
  let token: string;

  beforeAll(async () => {
    const key = await createSigningKey();
    jwks = await startJwksServer([key]);
    token = await signToken(key);
  });

  // A fresh pool each time: the first request opens the one pooled socket.
  beforeEach(async () => {
    order = await startRacingUpstream();
    gateway = await startGateway({ order: order.url }, { JWKS_URL: jwks.jwksUrl });
  });

  afterEach(async () => {
    await gateway.close();
    await order.close();
  });

  afterAll(() => jwks.close());

  test('GET /api/orders/:id is sent again on a fresh socket: every answer is 200', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const res = await gateway.fetch(`/api/orders/${randomUUID()}`, { headers: bearer(token) });
      statuses.push(res.status);
      await res.arrayBuffer();
    }

    expect(statuses).toEqual(Array(20).fill(200));
    // The race was really run: every other request reused the pooled socket and was cut.
    expect(order.counts.cut).toBe(10);
    expect(order.counts.answered).toBe(20);
  });

  test('a POST is never sent twice: a cut reused socket is a 502, with one request upstream', async () => {
    const warm = await gateway.fetch(`/api/orders/${randomUUID()}`, { headers: bearer(token) });
    await warm.arrayBuffer();
    order.counts.requests.length = 0;

    const res = await gateway.fetch('/api/orders', {
      method: 'POST',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      body: JSON.stringify({ items: [] }),
    });

    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(order.counts.requests).toEqual(['POST /api/orders']);
  });
});
