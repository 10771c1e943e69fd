import { randomUUID } from 'node:crypto';

export interface PlacedOrder {
  readonly id: string;
}

export interface OrderView {
  readonly id: string;
  readonly status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  readonly updatedAt: string;
}

/** The few calls of the public API a benchmark customer makes, through the gateway. */
export class BenchClient {
  constructor(
    private readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async call<T>(method: string, path: string, body?: unknown, expected = 200): Promise<T> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== expected) {
      throw new Error(
        `${method} ${path}: expected ${expected}, got ${res.status} ${text.slice(0, 300)}`,
      );
    }
    return JSON.parse(text) as T;
  }

  placeOrder(productId: string): Promise<PlacedOrder> {
    const body = { items: [{ productId, quantity: 1 }], payment: { token: 'tok_visa' } };
    return this.call('POST', '/api/orders', body, 202);
  }

  order(id: string): Promise<OrderView> {
    return this.call('GET', `/api/orders/${id}`);
  }

  /**
   * Follows the order's live stream (GET /api/orders/:id/events) until it ends: the last
   * state it sent, final unless the stream ended early. Rejects if the stream fails or is not
   * over within `timeoutMs`.
   */
  async follow(id: string, timeoutMs: number): Promise<OrderView | undefined> {
    const res = await fetch(`${this.baseUrl}/api/orders/${id}/events`, {
      headers: { accept: 'text/event-stream', authorization: `Bearer ${this.token}` },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (res.status !== 200 || !res.body)
      throw new Error(`GET /api/orders/${id}/events: ${res.status}`);
    let last: OrderView | undefined;
    let buffered = '';
    for await (const chunk of res.body.pipeThrough(new TextDecoderStream())) {
      buffered += chunk;
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffered.slice(0, end))?.[1];
        buffered = buffered.slice(end + 2);
        if (data) last = JSON.parse(data) as OrderView;
      }
    }
    return last;
  }
}

export async function login(
  baseUrl: string,
  email: string,
  password: string,
): Promise<BenchClient> {
  const { token } = await new BenchClient(baseUrl).call<{ token: string }>(
    'POST',
    '/api/auth/login',
    {
      email,
      password,
    },
  );
  return new BenchClient(baseUrl, token);
}

export async function signup(baseUrl: string): Promise<BenchClient> {
  const email = `bench-${randomUUID()}@bench.test`;
  const body = { name: 'Bench Customer', email, password: 'bench-password' };
  const { token } = await new BenchClient(baseUrl).call<{ token: string }>(
    'POST',
    '/api/auth/signup',
    body,
    201,
  );
  return new BenchClient(baseUrl, token);
}

/** Creates `count` products with `stock` units each and waits until orders can use them. */
export async function createProducts(
  admin: BenchClient,
  count: number,
  stock: number,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const input = {
      name: `Bench item ${i + 1}`,
      description: 'created by make bench-saga',
      category: 'bench',
      price: 100 + i,
      initialStock: stock,
    };
    ids.push((await admin.call<{ id: string }>('POST', '/api/products', input, 201)).id);
  }
  const deadline = Date.now() + 15_000;
  for (const id of ids) {
    while (!(await ready(admin, id))) {
      if (Date.now() > deadline)
        throw new Error(`product ${id} never reached the catalog and inventory`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return ids;
}

async function ready(admin: BenchClient, id: string): Promise<boolean> {
  const known = (path: string) =>
    admin.call('GET', path).then(
      () => true,
      () => false,
    );
  return (await known(`/api/products/${id}`)) && (await known(`/api/inventory/${id}`));
}
