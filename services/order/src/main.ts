import { createLogger, Lifecycle, loadConfig, runMain } from '@shop/common';
import { configSchema } from './config';
import { startOrderService } from './service';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('order', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const { port } = await startOrderService(config, { log, lifecycle });
  log.info(
    { port, store: config.ORDER_STORE, sagaMode: config.SAGA_MODE },
    'order service listening',
  );
});
