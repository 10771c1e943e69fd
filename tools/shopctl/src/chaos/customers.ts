import { randomUUID } from 'node:crypto';

/** What the customers saw: orders the API accepted (202) and how each ended. */
export interface CustomerTally {
  /** Order ids answered with 202 (a retry with the same Idempotency-Key answers the same id). */
  readonly accepted: Set<string>;
  confirmed: number;
  cancelled: number;
  /** Accepted orders still PENDING when the customer gave up waiting. */
  readonly stuck: string[];
  /** Requests that failed (connection refused, 5xx) and were retried. */
  retries: number;
  /** Answers no retry can fix (a 4xx other than 429): each one is a violation. */
  readonly refused: string[];
}

export interface CustomerLoopOptions {
  readonly baseUrl: string;
  readonly tokens: readonly string[];
  readonly productIds: readonly string[];
  readonly stopAt: number;
  /** How long one order may take to be accepted, then to become final. */
  readonly patienceMs: number;
}

/**
 * Closed-loop customers as a careful client behaves under faults: each order carries an
 * Idempotency-Key and is sent again until it is answered 202, then followed until it is final.
 */
export async function runCustomers(options: CustomerLoopOptions): Promise<CustomerTally> {
  const tally: CustomerTally = {
    accepted: new Set(),
    confirmed: 0,
    cancelled: 0,
    stuck: [],
    retries: 0,
    refused: [],
  };
  await Promise.all(
    options.tokens.map(async (token, c) => {
      for (let n = c; Date.now() < options.stopAt; n++) {
        const productId = options.productIds[n % options.productIds.length]!;
        const id = await placeUntilAccepted(options, token, productId, tally);
        if (id) await followUntilFinal(options, token, id, tally);
      }
    }),
  );
  return tally;
}

async function placeUntilAccepted(
  options: CustomerLoopOptions,
  token: string,
  productId: string,
  tally: CustomerTally,
): Promise<string | undefined> {
  const key = randomUUID();
  const body = { items: [{ productId, quantity: 1 }], payment: { token: 'tok_visa' } };
  const deadline = Date.now() + options.patienceMs;
  while (Date.now() < deadline) {
    const res = await send(options.baseUrl, token, 'POST', '/api/orders', body, key);
    if (res?.status === 202) {
      const id = (res.body as { id: string }).id;
      tally.accepted.add(id);
      return id;
    }
    if (res && res.status < 500 && res.status !== 429) {
      tally.refused.push(`POST /api/orders answered ${res.status}`);
      return undefined;
    }
    tally.retries++;
    await sleep(200);
  }
  return undefined;
}

async function followUntilFinal(
  options: CustomerLoopOptions,
  token: string,
  id: string,
  tally: CustomerTally,
): Promise<void> {
  const deadline = Date.now() + options.patienceMs;
  while (Date.now() < deadline) {
    await sleep(100);
    const res = await send(options.baseUrl, token, 'GET', `/api/orders/${id}`);
    const status = (res?.status === 200 && (res.body as { status: string }).status) || 'PENDING';
    if (status === 'CONFIRMED') return void tally.confirmed++;
    if (status === 'CANCELLED') return void tally.cancelled++;
  }
  tally.stuck.push(id);
}

/** One request; undefined when no answer came (a killed process, a cut connection). */
async function send(
  baseUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<{ status: number; body: unknown } | undefined> {
  try {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
