/** The shop's public API (DESIGN.md), as the browser calls it through the gateway. */

export interface Product {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly category: string;
  readonly price: number;
  readonly currency: 'USD';
  readonly stock: number;
  readonly inStock: boolean;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export type OrderStatus = 'PENDING' | 'CONFIRMED' | 'CANCELLED';

export interface Order {
  readonly id: string;
  readonly status: OrderStatus;
  readonly items: ReadonlyArray<{
    productId: string;
    name: string;
    unitPrice: number;
    quantity: number;
  }>;
  readonly total: number;
  readonly failureReason?: 'OUT_OF_STOCK' | 'PAYMENT_DECLINED' | 'TIMEOUT';
  readonly steps: ReadonlyArray<{ name: string; status: string; at: string }>;
  readonly createdAt: string;
}

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: 'customer' | 'admin';
}

/** A problem+json answer: its `detail`, and the field problems of a 400 by field name. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export interface CallOptions {
  readonly method?: 'GET' | 'POST' | 'PATCH';
  readonly body?: unknown;
  readonly token?: string | undefined;
  readonly headers?: Record<string, string>;
}

/** Calls the API; a non-2xx answer is thrown as an ApiError. */
export async function api<T>(path: string, options: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(path, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? null : JSON.stringify(options.body),
  });
  const data: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw problemError(res.status, data);
  return data as T;
}

interface Problem {
  detail?: string;
  title?: string;
  errors?: ReadonlyArray<{ field: string; message: string }>;
}

function problemError(status: number, data: unknown): ApiError {
  const problem = (data ?? {}) as Problem;
  const fields = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]));
  const message = problem.detail ?? problem.title ?? `The shop could not answer (${status}).`;
  return new ApiError(status, message, fields);
}

/** The query string of a catalog search. */
export function catalogPath(query: {
  q?: string;
  category?: string;
  page?: number;
  pageSize?: number;
}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/products${search ? `?${search}` : ''}`;
}
