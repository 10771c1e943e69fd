import { createLogger, Lifecycle, loadConfig, runMain } from '@shop/common';
import { configSchema } from './config';
import { startNotificationService } from './service';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('notification', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  await startNotificationService(config, log, lifecycle);
});
