import { startGateway, type TestGateway } from '../support/gateway';
import { startEchoUpstream, type Echo, type EchoUpstream } from '../support/servers';

const MB = 1024 * 1024;

/** A body sent with Transfer-Encoding: chunked (no Content-Length), in 64 kB pieces. */
function chunked(body: Buffer): RequestInit {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < body.length; i += 64 * 1024)
        controller.enqueue(body.subarray(i, i + 64 * 1024));
      controller.close();
    },
  });
  return { body: stream, duplex: 'half' } as RequestInit;
}

const jsonOfSize = (bytes: number) =>
  Buffer.from(JSON.stringify({ note: 'x'.repeat(bytes - '{"note":""}'.length) }));

describe('request bodies', () => {
  let user: EchoUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    user = await startEchoUpstream('user');
    gateway = await startGateway({ user: user.url });
  });

  afterAll(async () => {
    await Promise.all([gateway.close(), user.close()]);
  });

  const signup = (init: RequestInit) =>
    gateway.fetch('/api/auth/signup', {
      method: 'POST',
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });

  test('a 2 MB body gets 413 problem and never reaches the upstream', async () => {
    const res = await signup({ body: jsonOfSize(2 * MB) });

    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 413, title: 'Content Too Large' });
    expect(user.seen).toEqual([]);
  });

  test('a 2 MB chunked body (no Content-Length) gets 413 problem and never reaches the upstream', async () => {
    const res = await signup(chunked(jsonOfSize(2 * MB)));

    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(user.seen).toEqual([]);
  });

  test('a chunked body under the limit reaches the upstream whole', async () => {
    const body = jsonOfSize(80 * 1024);

    const res = await signup(chunked(body));

    expect(res.status).toBe(200);
    const echo = (await res.json()) as Echo;
    expect(echo.headers['content-length']).toBe(String(body.length));
    expect(echo.body).toEqual(JSON.parse(body.toString()));
  });

  test('malformed JSON is the upstream to judge: its 400 comes back, never a 5xx', async () => {
    const res = await signup({ body: '{"email": "ada@example.com",' });

    expect(res.status).toBe(400);
    expect(user.seen.at(-1)).toMatchObject({ method: 'POST', url: '/api/auth/signup' });
  });
});

describe('BODY_LIMIT=1kb', () => {
  let user: EchoUpstream;
  let gateway: TestGateway;

  beforeAll(async () => {
    user = await startEchoUpstream('user');
    gateway = await startGateway({ user: user.url }, { BODY_LIMIT: '1kb' });
  });

  afterAll(async () => {
    await Promise.all([gateway.close(), user.close()]);
  });

  test.each([
    [1024, 200],
    [1025, 413],
  ])('a body of %i bytes answers %i', async (size, status) => {
    const res = await gateway.fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: jsonOfSize(size),
    });

    expect(res.status).toBe(status);
  });
});
