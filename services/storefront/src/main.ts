// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import { createMetrics, runService, serveHttp, type ServiceProcess } from '@shop/common';
import { createApp } from './app';
import { configSchema, type StorefrontConfig } from './config';

/** Wires the storefront: the built web app behind the kit's HTTP server. */
export async function startStorefrontService(
  config: StorefrontConfig,
  { log, lifecycle }: ServiceProcess,
) {
  const webDir = path.join(__dirname, 'web');
  const metrics = createMetrics('storefront');
  const app = createApp({ webDir, log, metrics, health: lifecycle.health });
  return serveHttp({ log, lifecycle }, app, config.PORT, { webDir });
}

if (require.main === module) runService('storefront', configSchema, startStorefrontService);
