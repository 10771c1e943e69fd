import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  listenOnFreePort,
  openEventStream,
  waitFor,
  type EventStreamClient,
  type TestServer,
} from '@shop/common/testing';
import { OpenStreams } from '../../src/proxy/event-streams';
import { bearer, startGateway, type TestGateway } from '../support/gateway';
import { createSigningKey, signToken, startJwksServer, type JwksServer } from '../support/tokens';

const TIMEOUT_MS = 300;
const IDLE_MS = 1000;
const SLACK_MS = 1500;
const path = `/api/orders/${randomUUID()}/events`;

interface StreamUpstream extends TestServer {
  /** The open answers, in arrival order. */
  readonly answers: ServerResponse[];
  /** How many of the requests have closed (the gateway let go of them). */
  closed(): number;
}

/** An order service stand-in: each request gets an event stream the test writes to. */
async function startStreamUpstream(): Promise<StreamUpstream> {
  const answers: ServerResponse[] = [];
  let closed = 0;
  const server = await listenOnFreePort((req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.flushHeaders();
    answers.push(res);
    res.once('close', () => closed++);
  });
  return { ...server, answers, closed: () => closed };
}

const event = (n: number) => `id: ${n}\nevent: order\ndata: {"n":${n}}\n\n`;

let jwks: JwksServer;
let token: string;
let upstream: StreamUpstream;
let gateway: TestGateway;
let streams: OpenStreams;
beforeAll(async () => {
  const key = await createSigningKey();
  jwks = await startJwksServer([key]);
  token = await signToken(key);
});
/** The gateway with `limits` in front of a fresh stream upstream. */
async function start(limits = { idleMs: IDLE_MS, maxMs: 60_000 }) {
  upstream = await startStreamUpstream();
  streams = new OpenStreams(limits);
  const env = { JWKS_URL: jwks.jwksUrl, UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS) };
  gateway = await startGateway({ order: upstream.url }, env, { streams });
}
beforeEach(() => start());
afterEach(async () => {
  await gateway.close();
  await upstream.close();
});
afterAll(() => jwks.close());

const errors = () =>
  gateway.metrics.registry.getSingleMetricAsString('gateway_upstream_errors_total');

async function open(): Promise<{ client: EventStreamClient; answer: ServerResponse }> {
  const client = await openEventStream(gateway.url + path, bearer(token));
  expect(client.status).toBe(200);
  expect(client.headers.get('content-type')).toBe('text/event-stream');
  return { client, answer: await waitFor(() => upstream.answers[0], { what: 'the upstream' }) };
}

describe('an event stream through the gateway (UPSTREAM_TIMEOUT_MS=300)', () => {
  test('passes each event on as it is sent, past the exchange deadline, to its end', async () => {
    const { client, answer } = await open();
    answer.write(event(1));
    expect(await client.next()).toEqual({ event: 'order', data: '{"n":1}', id: '1' });

    // Heartbeats for well over the exchange deadline: the stream stays open.
    const heartbeat = setInterval(() => answer.destroyed || answer.write(': heartbeat\n\n'), 50);
    await waitFor(() => client.comments.length >= 3 * (TIMEOUT_MS / 50), { what: 'heartbeats' });
    clearInterval(heartbeat);
    answer.end(event(2));

    expect(await client.next()).toMatchObject({ id: '2' });
    expect(await client.next()).toBeUndefined();
    expect(await errors()).not.toMatch(/gateway_upstream_errors_total\{/);
  });

  test('a stream silent for STREAM_IDLE_TIMEOUT_MS is cut and counted as a timeout', async () => {
    const started = Date.now();
    const { client, answer } = await open();
    answer.write(event(1));
    await client.next();

    await expect(client.next()).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(IDLE_MS + SLACK_MS);
    await waitFor(() => upstream.closed() === 1, { what: 'the upstream request closed' });
    // Counted once the proxy has seen its own cut through, which may come after the close.
    await waitFor(async () => /upstream="order",kind="timeout"[^}]*\} 1/.test(await errors()), {
      what: 'the timeout counted',
    });
  });

  test('a client that goes away closes the upstream request', async () => {
    const { client, answer } = await open();
    answer.write(event(1));
    await client.next();

    client.close();
    await waitFor(() => upstream.closed() === 1, { what: 'the upstream request closed' });
    expect(streams.size).toBe(0);
  });

  test('on shutdown open streams are cut, and that is no upstream error', async () => {
    const { client, answer } = await open();
    answer.write(event(1));
    await client.next();
    expect(streams.size).toBe(1);

    streams.closeAll();
    await expect(client.next()).rejects.toThrow();
    await waitFor(() => upstream.closed() === 1, { what: 'the upstream request closed' });
    expect(await errors()).not.toMatch(/gateway_upstream_errors_total\{/);
  });

  test('without a token: 401, and the upstream never sees the request', async () => {
    const res = await gateway.fetch(path);

    expect(res.status).toBe(401);
    expect(upstream.answers).toHaveLength(0);
  });

  test('STREAM_MAX_MS cuts a stream that is never silent', async () => {
    await gateway.close();
    await upstream.close();
    await start({ idleMs: IDLE_MS, maxMs: 800 });
    const started = Date.now();
    const { client, answer } = await open();
    const heartbeat = setInterval(() => answer.destroyed || answer.write(': heartbeat\n\n'), 50);
    try {
      await expect(
        (async () => {
          for (;;) if ((await client.next()) === undefined) return 'ended';
        })(),
      ).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(800 + SLACK_MS);
    } finally {
      clearInterval(heartbeat);
    }
  });
});
