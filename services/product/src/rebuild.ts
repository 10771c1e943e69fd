import { createPool, loadConfig, runMain } from '@shop/common';
import { z } from 'zod';
import { rebuildReadModel } from './query/rebuild';

/** `make catalog-rebuild`: rebuilds the catalog read model from its event journal. */
runMain(async () => {
  const config = loadConfig(z.object({ DATABASE_URL: z.url() }), {
    DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/shop_product',
    ...process.env,
  });
  const pool = createPool(config.DATABASE_URL, 1);
  const started = Date.now();
  const replayed = await rebuildReadModel(pool);
  await pool.end();
  process.stdout.write(
    `product_view rebuilt from ${replayed} events in ${Date.now() - started} ms\n`,
  );
});
