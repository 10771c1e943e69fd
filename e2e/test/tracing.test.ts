import { freePort } from '@shop/common/testing';
import { startJaeger, type Jaeger } from '../../tools/shopctl/src/runner/jaeger';
import type { SagaMode } from '../support/isolated-stack';
import { waitForTrace, type TraceSpan } from '../support/jaeger-trace';
import { expectStatus } from '../support/shop-api';
import { useShop } from '../support/shop-context';

/**
 * Issue 13: one order is one trace. Every service exports to a real Jaeger (bin/jaeger); the
 * trace id comes from the gateway's `traceresponse`, the spans from Jaeger's query API.
 */
jest.setTimeout(180_000);

const CONSUMING = ['order', 'inventory', 'payment', 'notification', 'analytics'];
const SAGA_SERVICES = ['gateway', ...CONSUMING];
let jaeger: Jaeger;
// Filled before the stacks start (beforeAll hooks run in the order they are declared).
const tracingEnv: Record<string, string> = { OTEL_BSP_SCHEDULE_DELAY: '200' };

beforeAll(async () => {
  const [otlpHttp, otlpGrpc, query, queryGrpc] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  jaeger = await startJaeger({ otlpHttp, otlpGrpc, query, queryGrpc });
  tracingEnv.OTEL_EXPORTER_OTLP_ENDPOINT = jaeger.otlpEndpoint;
}, 60_000);
afterAll(() => jaeger?.stop());

const servicesOf = (spans: readonly TraceSpan[]) => new Set(spans.map((s) => s.service));
const messaging = (spans: readonly TraceSpan[], kind: 'producer' | 'consumer') =>
  spans.filter((s) => s.kind === kind && s.tags['messaging.system'] === 'rabbitmq');
const database = (spans: readonly TraceSpan[]) =>
  spans.filter((s) => s.kind === 'client' && s.tags['db.system.name'] === 'postgresql');
const covers = (spans: readonly TraceSpan[], services: readonly string[]) =>
  services.every((name) => servicesOf(spans).has(name));
/** Spans arrive in batches from each process: wait until every part the test checks is there. */
const complete = (spans: readonly TraceSpan[]) =>
  covers(spans, SAGA_SERVICES) &&
  covers(messaging(spans, 'consumer'), CONSUMING) &&
  covers(database(spans), CONSUMING);

describe.each<SagaMode>(['orchestration', 'choreography'])('tracing, %s', (mode) => {
  const ctx = useShop(mode, tracingEnv);

  test('one order is one trace from the gateway through every saga step, the email and analytics', async () => {
    const product = await ctx.product(1250, 5);

    const placed = await ctx.customer.placeOrder([{ productId: product.id, quantity: 1 }]);
    const order = expectStatus(placed, 202);
    const traceresponse = placed.headers.get('traceresponse') ?? '';
    expect(traceresponse).toMatch(/^00-[\da-f]{32}-[\da-f]{16}-01$/);
    const traceId = traceresponse.split('-')[1]!;
    expect((await ctx.customer.waitForFinal(order.id)).status).toBe('CONFIRMED');

    const spans = await waitForTrace(jaeger.queryUrl, traceId, complete);

    expect([...servicesOf(spans)]).toEqual(expect.arrayContaining(SAGA_SERVICES));
    const root = spans.filter((s) => !s.parentId);
    expect(root).toEqual([expect.objectContaining({ service: 'gateway', kind: 'server' })]);
    // Every broker hop: a PRODUCER span, and CONSUMER spans that are its children.
    const producers = messaging(spans, 'producer');
    const consumers = messaging(spans, 'consumer');
    expect(servicesOf(producers)).toEqual(new Set(['order', 'inventory', 'payment']));
    expect([...servicesOf(consumers)]).toEqual(expect.arrayContaining(CONSUMING));
    const producerIds = new Set(producers.map((s) => s.spanId));
    for (const consumer of consumers) expect(producerIds).toContain(consumer.parentId);
    // The database calls: PostgreSQL CLIENT spans in every service that handled the order.
    expect([...servicesOf(database(spans))]).toEqual(expect.arrayContaining(CONSUMING));
  });
});
