import { randomUUID } from 'node:crypto';
import { waitFor } from '@shop/common/testing';

export interface ApiResponse<T = any> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
  readonly headers: Headers;
}

export interface OrderItem {
  readonly productId: string;
  readonly quantity: number;
}

export interface Order {
  id: string;
  userId: string;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  items: Array<{ productId: string; name: string; unitPrice: number; quantity: number }>;
  total: number;
  currency: string;
  failureReason?: string;
  steps: Array<{ name: string; status: string; at: string }>;
  createdAt: string;
  updatedAt: string;
}

export interface Product {
  id: string;
  name: string;
  price: number;
}

/** A client of the public API through the gateway, signed in as one user (or anonymous). */
export class ShopClient {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
    readonly userId?: string,
  ) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const contentType = res.headers.get('content-type') ?? '';
    return {
      status: res.status,
      headers: res.headers,
      contentType,
      body: text && contentType.includes('json') ? JSON.parse(text) : text,
    };
  }

  placeOrder(items: readonly OrderItem[], token = 'tok_visa', idempotencyKey?: string) {
    const headers: Record<string, string> = idempotencyKey
      ? { 'idempotency-key': idempotencyKey }
      : {};
    return this.request<Order>('POST', '/api/orders', { items, payment: { token } }, headers);
  }

  async order(id: string): Promise<Order> {
    return expectStatus(await this.request<Order>('GET', `/api/orders/${id}`), 200);
  }

  /** Polls the order until it is CONFIRMED or CANCELLED. */
  waitForFinal(id: string, timeoutMs = 15_000): Promise<Order> {
    return waitFor(
      async () => {
        const order = await this.order(id);
        return order.status !== 'PENDING' && order;
      },
      { timeoutMs, intervalMs: 50, what: `order ${id} to reach a final state` },
    );
  }

  async stock(productId: string): Promise<{ available: number; reserved: number }> {
    return expectStatus(await this.request('GET', `/api/inventory/${productId}`), 200);
  }

  /** Creates a product and waits until the catalog (prices) and inventory (stock) know it. */
  async createProduct(price: number, initialStock: number): Promise<Product> {
    const name = `e2e product ${randomUUID().slice(0, 8)}`;
    const input = {
      name,
      description: 'made by the e2e suite',
      category: 'e2e',
      price,
      initialStock,
    };
    const product = expectStatus<Product>(await this.request('POST', '/api/products', input), 201);
    await waitFor(
      async () =>
        (await this.request('GET', `/api/products/${product.id}`)).status === 200 &&
        (await this.request('GET', `/api/inventory/${product.id}`)).status === 200,
      { timeoutMs: 10_000, intervalMs: 50, what: `product ${product.id} in catalog and inventory` },
    );
    return product;
  }
}

export function expectStatus<T = any>(res: ApiResponse<T>, status: number): T {
  if (res.status !== status) {
    throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

export async function signupCustomer(baseUrl: string): Promise<ShopClient> {
  const email = `customer-${randomUUID()}@e2e.test`;
  const res = await new ShopClient(baseUrl).request('POST', '/api/auth/signup', {
    name: 'E2E Customer',
    email,
    password: 'correct horse battery',
  });
  const body = expectStatus<{ token: string; user: { id: string } }>(res, 201);
  return new ShopClient(baseUrl, body.token, body.user.id);
}

/** The admin the user service seeds from ADMIN_EMAIL / ADMIN_PASSWORD (the runner's defaults). */
export async function loginAdmin(baseUrl: string): Promise<ShopClient> {
  const res = await new ShopClient(baseUrl).request('POST', '/api/auth/login', {
    email: 'admin@shop.local',
    password: 'shop-admin-local',
  });
  const body = expectStatus<{ token: string; user: { id: string } }>(res, 200);
  return new ShopClient(baseUrl, body.token, body.user.id);
}
