import { createServer, type AddressInfo, type Socket } from 'node:net';
import type { Metrics } from '@shop/common';
import { freePort, listenOnFreePort, waitFor, type TestServer } from '@shop/common/testing';
import { startGateway, type TestGateway } from '../support/gateway';
import { startSilentUpstream } from '../support/servers';

const TIMEOUT_MS = 300;
/** Generous slack for a loaded CI box; a hang would still blow far past it. */
const SLACK_MS = 1500;

const upstreamErrors = (metrics: Metrics) =>
  metrics.registry.getSingleMetricAsString('gateway_upstream_errors_total');

/** A raw TCP upstream: `write` starts on each connection, its interval stops at close. */
async function trickleServer(write: (socket: Socket) => NodeJS.Timeout): Promise<TestServer> {
  const server = createServer((socket) => {
    const timer = write(socket);
    socket.on('close', () => clearInterval(timer));
    socket.on('error', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('when the product service fails (UPSTREAM_TIMEOUT_MS=300)', () => {
  let upstream: TestServer | undefined;
  let gateway: TestGateway;

  async function start(productUrl: string) {
    gateway = await startGateway(
      { product: productUrl },
      { UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) },
    );
  }

  afterEach(async () => {
    await gateway.close();
    await upstream?.close();
    upstream = undefined;
  });

  async function timed(path: string) {
    const started = Date.now();
    const res = await gateway.fetch(path, { signal: AbortSignal.timeout(10_000) });
    return {
      res,
      elapsed: Date.now() - started,
      body: (await res.json()) as Record<string, unknown>,
    };
  }

  test('down (connection refused): 502 problem at once', async () => {
    await start(`http://127.0.0.1:${await freePort()}`);

    const { res, elapsed, body } = await timed('/api/products');

    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body).toMatchObject({
      status: 502,
      title: 'Bad Gateway',
      detail: 'product is unavailable',
    });
    expect(elapsed).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(await upstreamErrors(gateway.metrics)).toMatch(
      /gateway_upstream_errors_total\{upstream="product",kind="unreachable"[^}]*\} 1/,
    );
  });

  test('hanging (never answers): 504 problem within UPSTREAM_TIMEOUT_MS', async () => {
    upstream = await startSilentUpstream();
    await start(upstream.url);

    const { res, elapsed, body } = await timed('/api/products');

    expect(res.status).toBe(504);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(body).toMatchObject({ status: 504, title: 'Gateway Timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(await upstreamErrors(gateway.metrics)).toMatch(/kind="timeout"[^}]*\} 1/);
  });

  test('dropping the connection without an answer: 502 problem', async () => {
    upstream = await listenOnFreePort((req) => req.socket.destroy());
    await start(upstream.url);

    const { res, body } = await timed('/api/products');

    expect(res.status).toBe(502);
    expect(body).toMatchObject({ status: 502, detail: 'product failed to answer' });
    expect(await upstreamErrors(gateway.metrics)).toMatch(/kind="failed"[^}]*\} 1/);
  });

  test('stalling halfway through its answer: the response is cut within the timeout', async () => {
    upstream = await listenOnFreePort((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"items":');
    });
    await start(upstream.url);
    const started = Date.now();

    const res = await gateway.fetch('/api/products');
    const read = res.text();

    expect(res.status).toBe(200);
    await expect(read).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  test('trickling its headers a line at a time: 504 problem at the deadline', async () => {
    const trickle = await trickleServer((socket) => {
      socket.write('HTTP/1.1 200 OK\r\n');
      return setInterval(() => socket.write(`x-filler: ${Date.now()}\r\n`), 50);
    });
    upstream = trickle;
    await start(trickle.url);

    const { res, elapsed, body } = await timed('/api/products');

    expect(res.status).toBe(504);
    expect(body).toMatchObject({ status: 504, detail: 'product did not answer in time' });
    expect(elapsed).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    expect(await upstreamErrors(gateway.metrics)).toMatch(/kind="timeout"[^}]*\} 1/);
  });

  test('trickling its body a byte at a time: the answer is cut at the deadline', async () => {
    upstream = await listenOnFreePort((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const ticking = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(ticking));
    });
    await start(upstream.url);
    const started = Date.now();

    const res = await gateway.fetch('/api/products');
    const read = res.text();

    expect(res.status).toBe(200);
    await expect(read).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + SLACK_MS);
    // Counted once the cut answer has closed, which may be just after the client saw it.
    await waitFor(
      async () => /kind="timeout"[^}]*\} 1/.test(await upstreamErrors(gateway.metrics)),
      {
        what: 'the timeout to be counted',
      },
    );
  });

  test('an error status of the upstream itself passes through unchanged', async () => {
    upstream = await listenOnFreePort((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/problem+json', 'retry-after': '2' });
      res.end(JSON.stringify({ status: 503, title: 'Service Unavailable', detail: 'draining' }));
    });
    await start(upstream.url);

    const { res, body } = await timed('/api/products');

    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(body).toMatchObject({ detail: 'draining' });
  });
});
