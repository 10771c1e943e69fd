import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loginAdmin, signupCustomer } from '../../e2e/support/shop-api';
import { startTestStack, type TestStack } from '../../e2e/support/isolated-stack';

/**
 * Schemathesis over the served OpenAPI document, against a real stack, as each kind of
 * caller (issue 10). `make test` runs it short; `make fuzz` with more examples
 * (FUZZ_MAX_EXAMPLES) and a random seed (FUZZ_SEED).
 */
const SCHEMATHESIS = path.join(__dirname, '..', '.venv', 'bin', 'schemathesis');
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '25';
const SEED = process.env.FUZZ_SEED ?? '20261202';
/** The floor for the short run; `make fuzz` sends many more. */
const MIN_REQUESTS = 1000;
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'response_schema_conformance',
  'content_type_conformance',
];

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly requests: number;
}

async function schemathesis(stack: TestStack, label: string, token?: string): Promise<Run> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `fuzz-${label}-`));
  const har = path.join(dir, 'requests.har');
  const args = [
    'run',
    `${stack.gatewayUrl}/api/openapi.json`,
    `--checks=${CHECKS.join(',')}`,
    '--phases=examples,coverage,fuzzing',
    `--max-examples=${MAX_EXAMPLES}`,
    `--seed=${SEED}`,
    '--workers=1',
    // Nothing written into the checkout (it runs in `dir`, which holds its cache and report).
    '--generation-database=none',
    '--continue-on-failure',
    '--no-color',
    '--report=har',
    `--report-har-path=${har}`,
    ...(token ? [`--header=Authorization: Bearer ${token}`] : []),
  ];
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) =>
    execFile(SCHEMATHESIS, args, { cwd: dir, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
      resolve({
        code: err ? ((err.code as number | undefined) ?? null) : 0,
        output: stdout + stderr,
      }),
    ),
  );
  const entries = JSON.parse(await readFile(har, 'utf8').catch(() => '{"log":{"entries":[]}}')).log
    .entries as unknown[];
  await rm(dir, { recursive: true, force: true });
  return { code, output, requests: entries.length };
}

describe('schemathesis over /api/openapi.json', () => {
  let stack: TestStack;
  const runs: Record<string, Run> = {};

  beforeAll(async () => {
    stack = await startTestStack('orchestration');
  }, 90_000);

  afterAll(async () => {
    const total = Object.values(runs).reduce((sum, r) => sum + r.requests, 0);
    const each = Object.entries(runs).map(([who, r]) => `${who} ${r.requests}`);
    console.log(`fuzz: ${total} requests (${each.join(', ')}), max-examples ${MAX_EXAMPLES}`);
    await stack?.destroy();
  }, 60_000);

  const callers: Array<[string, () => Promise<string | undefined>]> = [
    ['anonymous', async () => undefined],
    ['customer', async () => (await signupCustomer(stack.gatewayUrl)).token],
    ['admin', async () => (await loginAdmin(stack.gatewayUrl)).token],
  ];

  test.each(callers)(
    'as %s: every operation, no failure of any check',
    async (who, token) => {
      const run = await schemathesis(stack, who, await token());
      runs[who] = run;

      expect(run.requests).toBeGreaterThan(0);
      // The whole report when something failed: the failing requests, replayable with curl.
      expect(run.code === 0 ? 'passed' : run.output).toBe('passed');
    },
    600_000,
  );

  test(`sent at least ${MIN_REQUESTS} requests in all`, () => {
    const total = Object.values(runs).reduce((sum, r) => sum + r.requests, 0);
    expect(total).toBeGreaterThanOrEqual(MIN_REQUESTS);
  });
});
