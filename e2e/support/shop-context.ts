import { TEST_POSTGRES_URL, waitFor } from '@shop/common/testing';
import { checkSnapshot } from '../../tools/shopctl/src/invariants/check';
import type { InvariantReport, ShopSnapshot } from '../../tools/shopctl/src/invariants/model';
import { readSnapshot } from '../../tools/shopctl/src/invariants/stores';
import { startTestStack, type SagaMode, type TestStack } from './isolated-stack';
import { loginAdmin, signupCustomer, type Product, type ShopClient } from './shop-api';

/** One isolated stack shared by the tests of a describe block, with an admin and a customer. */
export interface ShopContext {
  shop: TestStack;
  admin: ShopClient;
  customer: ShopClient;
  /** Creates a product through the API and waits until orders can use it. */
  product(price: number, initialStock: number): Promise<Product>;
  newCustomer(): Promise<ShopClient>;
  /** What the order, payment and inventory stores hold right now. */
  snapshot(): Promise<ShopSnapshot>;
  /** Polls the stores until every invariant holds (the sagas have settled), or fails with the report. */
  expectInvariantsHold(timeoutMs?: number): Promise<InvariantReport>;
}

export function useShop(mode: SagaMode, env: Record<string, string> = {}): ShopContext {
  const ctx = {
    product: (price: number, initialStock: number) => ctx.admin.createProduct(price, initialStock),
    newCustomer: () => signupCustomer(ctx.shop.gatewayUrl),
    snapshot: () =>
      readSnapshot({
        postgresUrl: TEST_POSTGRES_URL,
        databasePrefix: ctx.shop.databasePrefix,
      }),
    async expectInvariantsHold(timeoutMs = 20_000) {
      let last: InvariantReport | undefined;
      await waitFor(
        async () => {
          last = checkSnapshot(await ctx.snapshot());
          return last.ok;
        },
        { timeoutMs, intervalMs: 200, what: 'every invariant to hold' },
      ).catch(() => undefined);
      expect(last?.violations).toEqual([]);
      return last!;
    },
  } as ShopContext;
  beforeAll(async () => {
    ctx.shop = await startTestStack(mode, env);
    ctx.admin = await loginAdmin(ctx.shop.gatewayUrl);
    ctx.customer = await ctx.newCustomer();
  }, 90_000);
  afterAll(() => ctx.shop?.destroy(), 60_000);
  return ctx;
}
