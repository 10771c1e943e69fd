import path from 'node:path';
import { loadConfig } from '../config';
import { telemetrySchema, tracingSettings } from './config';
import { installTracing } from './tracing';

/*
 * A service's first import (`import '@shop/common/telemetry'` in its main.ts): when the
 * standard OTEL_* variables configure an exporter, OpenTelemetry starts here, before express,
 * pg and the other instrumented modules are required. Otherwise nothing of it is loaded.
 * Like the kit's runService, this entry point reads its variables from the environment.
 */
const settings = tracingSettings(
  loadConfig(telemetrySchema, process.env),
  path.basename(path.resolve(process.argv[1] ?? 'service', '..', '..')),
);
if (settings) {
  // Synchronously, so the instrumentations are in place before main.ts's next import.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./sdk') as typeof import('./sdk');
  installTracing(startSdk(settings));
}
