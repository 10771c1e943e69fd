import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '@shop/common/testing';
import { seedCatalog } from '../../src/commands/seed-catalog';
import { startIsolatedStack, type IsolatedStack } from '../../src/runner/isolated';
import { startMailpit, type Mailpit } from '../../src/runner/mailpit';

/**
 * Walks docs/tour.md: every step marked `<!-- tour: name -->` runs its sh block as written (in
 * one shell session, step after step) against a shop and a Mailpit of this test's own, and the
 * effect the step tells the reader to look for is checked.
 */
const TOUR = readFileSync(path.join(__dirname, '../../../../docs/tour.md'), 'utf8');
const STEPS = [...TOUR.matchAll(/<!-- tour: (\w+) -->\n```sh\n([\s\S]*?)```/g)].map((m) => ({
  name: m[1]!,
  script: m[2]!,
}));

describe('docs/tour.md', () => {
  let stack: IsolatedStack;
  let mailpit: Mailpit;
  let dir: string;
  let outputs: Map<string, string>;

  beforeAll(async () => {
    mailpit = await startMailpit({ smtpPort: await freePort(), uiPort: await freePort() });
    stack = await startIsolatedStack({
      name: 'tour',
      serviceEnv: { notification: { SMTP_URL: mailpit.smtpUrl } },
    });
    await seedCatalog(stack.gatewayUrl, {
      email: 'admin@shop.local',
      password: 'shop-admin-local',
    });
    dir = mkdtempSync(path.join(os.tmpdir(), 'shop-tour-'));
    outputs = await walk(STEPS, dir, {
      SHOP: stack.gatewayUrl,
      MAIL: mailpit.uiUrl,
      RABBIT: 'http://localhost:15672',
    });
  }, 180_000);

  afterAll(async () => {
    await stack?.destroy();
    await mailpit?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the walked steps are the ones this test checks', () => {
    expect(STEPS.map((s) => s.name)).toEqual([
      'setup',
      'buy',
      'queues',
      'mail',
      'analytics',
      'decline',
    ]);
  });

  test('1. buying something confirms the order through the saga', () => {
    const order = JSON.parse(outputs.get('buy')!);
    expect(order.status).toBe('CONFIRMED');
    expect(order.steps).toEqual(
      expect.arrayContaining(['reserve_stock succeeded', 'charge_payment succeeded']),
    );
  });

  test("2. RabbitMQ's management API lists each consumer's queue, its DLQ and the stream", () => {
    const lines = outputs.get('queues')!.split('\n');
    for (const queue of [
      'order.saga',
      'inventory',
      'payment',
      'notification',
      'notification.dlq',
    ]) {
      expect(lines).toContainEqual(
        expect.stringMatching(new RegExp(`^${esc(stack.queuePrefix + queue)}\\t`)),
      );
    }
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${esc(stack.queuePrefix)}\\S+\\tstream\\t`)),
    );
  });

  test('3. Mailpit has the welcome and the confirmation email', async () => {
    const subjects = await waitFor(
      async () => {
        const text = await run(STEPS.find((s) => s.name === 'mail')!.script, dir);
        return /Welcome/.test(text) && /Your order \S+ is confirmed/.test(text) && text;
      },
      { timeoutMs: 30_000, what: 'both emails in Mailpit' },
    );
    expect(subjects).toMatch(/@example\.com\t/);
  }, 45_000);

  test('4. the analytics summary counts the confirmed order', async () => {
    const summary = await waitFor(
      async () => {
        const body = JSON.parse(await run(STEPS.find((s) => s.name === 'analytics')!.script, dir));
        return body.orders?.confirmed >= 1 && body;
      },
      { timeoutMs: 30_000, what: 'the order in the analytics summary' },
    );
    expect(summary.revenue).toBeGreaterThan(0);
  }, 45_000);

  test('5. a declined card cancels the order and tells the customer', async () => {
    const order = JSON.parse(outputs.get('decline')!);
    expect(order).toMatchObject({ status: 'CANCELLED', failureReason: 'PAYMENT_DECLINED' });
    expect(order.steps).toContain('reserve_stock compensated');
    await waitFor(
      async () => /was cancelled/.test(await run('curl -s $MAIL/api/v1/messages', dir)),
      {
        timeoutMs: 30_000,
        what: 'the cancellation email',
      },
    );
  }, 45_000);
});

/** Runs the steps in order; the shell's variables and functions carry over to the next step. */
async function walk(
  steps: readonly { name: string; script: string }[],
  dir: string,
  addresses: Record<string, string>,
): Promise<Map<string, string>> {
  writeFileSync(path.join(dir, 'state.sh'), '');
  const outputs = new Map<string, string>();
  for (const step of steps) {
    // The setup step names the demo's addresses; this shop's replace them right after it.
    const override = step.name === 'setup' ? exports(addresses) : '';
    outputs.set(step.name, await run(`${step.script}\n${override}`, dir));
  }
  return outputs;
}

const exports = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');

/** One step in bash: the state of the steps before it in, its own state out. */
function run(script: string, dir: string): Promise<string> {
  const state = path.join(dir, 'state.sh');
  const wrapped = `set -a; source ${state}\n${script}\n{ export -p; declare -f; } | grep -v '^declare -[a-z]*r' > ${state}.new && mv ${state}.new ${state}`;
  return new Promise((resolve, reject) => {
    execFile(
      'bash',
      ['-eo', 'pipefail', '-c', wrapped],
      { timeout: 60_000 },
      (err, stdout, stderr) =>
        err ? reject(new Error(`${script}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
