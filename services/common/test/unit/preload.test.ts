import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

/**
 * The test preload runs before a service's main, so before OpenTelemetry starts: a module it
 * loads is loaded unpatched, and its spans are lost (once it loaded `pg` through the consumer,
 * and no service but one had database spans). It runs the compiled preload, as services get it.
 */
const PRELOAD = path.resolve(__dirname, '../../dist/testing/preload.js');
const INSTRUMENTED = ['pg', 'pg-pool', 'amqplib', 'express', 'mongodb', '@grpc/grpc-js', 'undici'];

test('the test preload, with every hook on, loads none of the modules tracing instruments', () => {
  const loaded = execFileSync(
    process.execPath,
    ['--require', PRELOAD, '-e', 'console.log(JSON.stringify(Object.keys(require.cache)))'],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        NODE_OPTIONS: '',
        CALL_LOG_FILE: path.join(os.tmpdir(), `preload-test-${process.pid}.log`),
        EVENT_DUPLICATE_DELIVERY: 'true',
      },
    },
  );
  const packages = (JSON.parse(loaded) as string[]).flatMap(
    (file) => /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? [],
  );
  expect(packages.filter((name) => INSTRUMENTED.includes(name))).toEqual([]);
  // The hooks did load: the duplicate deliveries subscribe through the consumer's channel.
  expect(JSON.parse(loaded)).toEqual(
    expect.arrayContaining([expect.stringContaining('events/delivery-channel.js')]),
  );
});
