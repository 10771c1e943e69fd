import { getJson, waitFor } from '@shop/common/testing';
import {
  admin,
  createWorld,
  customer,
  startAnalytics,
  type AnalyticsService,
  type AnalyticsWorld,
} from './harness';
import { anOrder, aProduct } from './fixtures';

let world: AnalyticsWorld;
let service: AnalyticsService;

const kettle = aProduct('kitchen');
const mug = aProduct('kitchen');
const pan = aProduct('kitchen');
const lamp = aProduct('home');
const rake = aProduct('garden');
/** Moved from garden to kitchen by a later product.updated. */
const whisk = aProduct('garden');

async function sell(userId: string, product: { productId: string }, quantity: number) {
  const order = anOrder(userId, [{ productId: product.productId, quantity, unitPrice: 100 }]);
  await world.publishOrders(order.created(), order.confirmed());
}

beforeAll(async () => {
  world = await createWorld();
  service = await startAnalytics(world);
  const catalog = [kettle, mug, pan, lamp, rake, whisk].map((p) => p.created());
  await world.publishCatalog(...catalog, whisk.updated({ category: 'kitchen', version: 2 }));
  await waitFor(
    async () =>
      (await service.pool.query("SELECT 1 FROM product_categories WHERE category = 'kitchen'"))
        .rowCount === 4,
    { what: 'the catalog categories' },
  );
  await sell('ada', mug, 1);
  await sell('bob', kettle, 5);
  await sell('bob', pan, 2);
  await sell('bob', mug, 7);
  await sell('cy', rake, 10);
  await sell('cy', lamp, 1);
  await sell('cy', whisk, 3);
  const cancelled = anOrder('cy', [{ productId: pan.productId, quantity: 50, unitPrice: 100 }]);
  await world.publishOrders(cancelled.created(), cancelled.cancelled());
  await service.caughtUp();
});
afterAll(async () => {
  await service.stop();
  await world.destroy();
});

const recommendations = (query: string, headers: Record<string, string>) =>
  getJson(service.url, `/api/analytics/recommendations${query}`, headers);

describe('GET /api/analytics/recommendations', () => {
  test('for a user: best sellers in the categories they bought from, then overall best sellers, never what they bought', async () => {
    const res = await recommendations('?userId=ada&limit=4', customer('ada'));

    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { productId: kettle.productId, quantity: 5, reason: 'same_category' },
      { productId: whisk.productId, quantity: 3, reason: 'same_category' },
      { productId: pan.productId, quantity: 2, reason: 'same_category' },
      { productId: rake.productId, quantity: 10, reason: 'best_seller' },
    ]);
  });

  test('without a user: the overall best sellers by confirmed quantity', async () => {
    const res = await recommendations('?limit=4', customer('ada'));

    expect(res.body.items).toEqual([
      { productId: rake.productId, quantity: 10, reason: 'best_seller' },
      { productId: mug.productId, quantity: 8, reason: 'best_seller' },
      { productId: kettle.productId, quantity: 5, reason: 'best_seller' },
      { productId: whisk.productId, quantity: 3, reason: 'best_seller' },
    ]);
  });

  test('a user who bought nothing gets the overall best sellers; limit defaults to 4', async () => {
    const res = await recommendations('?userId=newcomer', customer('newcomer'));

    expect(res.body.items.map((i: { productId: string }) => i.productId)).toEqual([
      rake.productId,
      mug.productId,
      kettle.productId,
      whisk.productId,
    ]);
  });

  test("an admin may ask for anyone's", async () => {
    const res = await recommendations('?userId=ada&limit=1', admin);

    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      { productId: kettle.productId, quantity: 5, reason: 'same_category' },
    ]);
  });

  test("a customer asking for someone else's: 403 problem", async () => {
    const res = await recommendations('?userId=bob', customer('ada'));

    expect(res.status).toBe(403);
    expect(res.type).toContain('application/problem+json');
  });

  test('an anonymous caller: 401 problem', async () => {
    expect((await recommendations('', {})).status).toBe(401);
  });

  test.each(['?limit=0', '?limit=21', '?limit=many'])(
    '%s: 400 problem naming the field',
    async (query) => {
      const res = await recommendations(query, customer('ada'));

      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'limit' })]);
    },
  );
});
