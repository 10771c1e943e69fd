import { randomUUID } from 'node:crypto';
import { useShop } from '../support/shop-context';
import { ShopClient, type Order, type Product } from '../support/shop-api';

/**
 * Who may do what, for every operation of the served OpenAPI document (issue 10): the status
 * each caller gets. A route added without its row here fails the first test.
 */
type Row = readonly [anonymous: number, customer: number, otherCustomer: number, admin: number];

// prettier-ignore
const MATRIX: Record<string, Row> = {
  'GET /':                                         [200, 200, 200, 200],
  'GET /api/openapi.json':                         [200, 200, 200, 200],
  'GET /.well-known/jwks.json':                    [200, 200, 200, 200],
  'POST /api/auth/signup':                         [201, 201, 201, 201],
  'POST /api/auth/login':                          [200, 200, 200, 200],
  'GET /api/users/me':                             [401, 200, 200, 200],
  'GET /api/products':                             [200, 200, 200, 200],
  'GET /api/products/{id}':                        [200, 200, 200, 200],
  'POST /api/products':                            [401, 403, 403, 201],
  'PATCH /api/products/{id}':                      [401, 403, 403, 200],
  'GET /api/inventory/{productId}':                [401, 403, 403, 200],
  'POST /api/inventory/{productId}/restock':       [401, 403, 403, 200],
  'POST /api/orders':                              [401, 202, 202, 202],
  'GET /api/orders':                               [401, 200, 200, 200],
  // The customer's own order: another customer is told it does not exist.
  'GET /api/orders/{id}':                          [401, 200, 404, 200],
  'GET /api/orders/{id}/events':                   [401, 200, 404, 200],
  'GET /api/notifications':                        [401, 200, 200, 200],
  'GET /api/dashboard':                            [401, 200, 200, 200],
  'GET /api/analytics/summary':                    [401, 403, 403, 200],
};

const CALLERS = ['anonymous', 'customer', 'other customer', 'admin'] as const;
type Caller = (typeof CALLERS)[number];

const PASSWORD = 'correct horse battery';

describe('authorization matrix (every operation x anonymous, customer, another customer, admin)', () => {
  const ctx = useShop('orchestration');
  let document: { paths: Record<string, Record<string, unknown>> };
  let clients: Record<Caller, ShopClient>;
  let customerEmail: string;
  let product: Product;
  let order: Order;

  beforeAll(async () => {
    const base = ctx.shop.gatewayUrl;
    document = (await new ShopClient(base).request('GET', '/api/openapi.json')).body;
    customerEmail = `matrix-${randomUUID()}@e2e.test`;
    const signup = await new ShopClient(base).request('POST', '/api/auth/signup', {
      name: 'Matrix Customer',
      email: customerEmail,
      password: PASSWORD,
    });
    const customer = new ShopClient(base, signup.body.token, signup.body.user.id);
    clients = {
      anonymous: new ShopClient(base),
      customer,
      'other customer': await ctx.newCustomer(),
      admin: ctx.admin,
    };
    product = await ctx.product(1999, 1000);
    order = (await customer.placeOrder([{ productId: product.id, quantity: 1 }])).body;
  }, 60_000);

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );

  test('has one row per operation of the served document, and no other', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(operations().sort());
  });

  /** A valid request of `operation`: path parameters filled, a body that is acceptable. */
  function call(client: ShopClient, operation: string, headers: Record<string, string> = {}) {
    const [method, template] = operation.split(' ') as [string, string];
    const path = template
      .replace('{productId}', product.id)
      .replace('{id}', template.startsWith('/api/orders') ? order.id : product.id);
    return client.request(method, path, bodyOf(operation), headers);
  }

  function bodyOf(operation: string): unknown {
    switch (operation) {
      case 'POST /api/auth/signup':
        return { name: 'Someone', email: `matrix-${randomUUID()}@e2e.test`, password: PASSWORD };
      case 'POST /api/auth/login':
        return { email: customerEmail, password: PASSWORD };
      case 'POST /api/products':
        return {
          name: 'Matrix lamp',
          description: 'lights',
          category: 'e2e',
          price: 500,
          initialStock: 1,
        };
      case 'PATCH /api/products/{id}':
        return { price: 1999 };
      case 'POST /api/inventory/{productId}/restock':
        return { quantity: 1 };
      case 'POST /api/orders':
        return { items: [{ productId: product.id, quantity: 1 }], payment: { token: 'tok_visa' } };
      default:
        return undefined;
    }
  }

  const cells = Object.entries(MATRIX).flatMap(([operation, row]) =>
    CALLERS.map((caller, i) => [operation, caller, row[i]!] as const),
  );

  test.each(cells)('%s as %s: %i', async (operation, caller, status) => {
    const res = await call(clients[caller], operation);

    // The body only when the status is wrong, so a failure says why.
    expect([res.status, res.status === status ? '' : res.body]).toEqual([status, '']);
  });

  const forged = (as: ShopClient) => ({
    'x-user-id': as.userId!,
    'x-user-role': 'admin',
    'x-user-email': 'admin@shop.local',
  });

  test.each(Object.keys(MATRIX))(
    '%s: identity headers from outside are ignored (anonymous, another customer)',
    async (operation) => {
      const [anonymous, , other] = MATRIX[operation]!;

      const asAnonymous = await call(clients.anonymous, operation, forged(clients.admin));
      const asOther = await call(clients['other customer'], operation, forged(clients.customer));

      expect([asAnonymous.status, asOther.status]).toEqual([anonymous, other]);
    },
  );
});
