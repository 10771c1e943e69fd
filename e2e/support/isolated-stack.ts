import { createWriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TcpProxy, TEST_AMQP_URL, TEST_POSTGRES_URL } from '@shop/common/testing';
import { startIsolatedStack, type IsolatedStack } from '../../tools/shopctl/src/runner/isolated';

export type SagaMode = 'orchestration' | 'choreography';

export interface TestStack extends IsolatedStack {
  readonly mode: SagaMode;
  /** Every line the services printed (warnings and errors: LOG_LEVEL=warn). */
  readonly logFile: string;
  /** The services' outbound HTTP calls (CALL_LOG_FILE), for the topology conformance check. */
  readonly callLogFile: string;
  /** Stands between the services and RabbitMQ: `cut()` is a broker outage, `restore()` its end. */
  readonly broker: TcpProxy;
}

/** Variables that keep a test stack quick and quiet; callers may override any of them. */
const TEST_ENV: Record<string, string> = {
  LOG_LEVEL: 'warn',
  RATE_LIMIT_PER_MINUTE: '1000000',
  SCRYPT_LOG_N: '14',
  // Long enough that a loaded CI box never times out a healthy step; the TIMEOUT test waits it out.
  SAGA_STEP_TIMEOUT_MS: '6000',
  EVENT_RETRY_DELAY_MS: '200',
  SHUTDOWN_TIMEOUT_MS: '5000',
};

/** Every service in `mode`, isolated from other stacks, logging to a temp file. */
export async function startTestStack(
  mode: SagaMode,
  env: Record<string, string> = {},
): Promise<TestStack> {
  const name = `shop-e2e-${mode}-${process.pid}-${Date.now()}`;
  const logFile = path.join(os.tmpdir(), `${name}.log`);
  const callLogFile = path.join(os.tmpdir(), `${name}.calls.jsonl`);
  const out = createWriteStream(logFile);
  const rabbit = new URL(TEST_AMQP_URL);
  const broker = new TcpProxy(rabbit.hostname, Number(rabbit.port || 5672));
  rabbit.port = String(await broker.start());
  const isolated = await startIsolatedStack({
    name: 'e2e',
    postgresUrl: TEST_POSTGRES_URL,
    amqpUrl: rabbit.toString(),
    env: { ...TEST_ENV, SAGA_MODE: mode, CALL_LOG_FILE: callLogFile, ...env },
    out,
  }).catch(async (err: unknown) => {
    out.end();
    await broker.stop();
    throw new Error(`stack did not start (logs: ${logFile})`, { cause: err });
  });
  return {
    ...isolated,
    mode,
    logFile,
    callLogFile,
    broker,
    async destroy() {
      await isolated.destroy();
      await broker.stop();
      out.end();
    },
  };
}
