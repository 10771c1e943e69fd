import path from 'node:path';
import {
  createLogger,
  createMetrics,
  Lifecycle,
  loadConfig,
  runMain,
  serveHttp,
} from '@shop/common';
import { createApp } from './app';
import { configSchema } from './config';

runMain(async () => {
  const config = loadConfig(configSchema, process.env);
  const log = createLogger('storefront', config.LOG_LEVEL);
  const lifecycle = new Lifecycle(log, config.SHUTDOWN_TIMEOUT_MS);
  lifecycle.handleSignals();
  const webDir = path.join(__dirname, 'web');
  const metrics = createMetrics('storefront');
  const app = createApp({ webDir, log, metrics, health: lifecycle.health });
  await serveHttp({ log, lifecycle }, app, config.PORT, { webDir });
});
