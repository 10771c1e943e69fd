import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { freePort, waitFor } from '@shop/common/testing';
import { seedCatalog } from '../../src/commands/seed-catalog';
import { startIsolatedStack, type IsolatedStack } from '../../src/runner/isolated';
import { startMailpit, type Mailpit } from '../../src/runner/mailpit';
import { TourShell, tourSteps, type TourStep } from '../support/tour';

/**
 * Walks docs/tour.md: every step marked `<!-- tour: name -->` runs its sh block as written (in
 * one shell session, step after step) against a shop and a Mailpit of this test's own, and the
 * effect the step tells the reader to look for is checked.
 */
const STEPS = tourSteps();
const step = (name: string): TourStep => STEPS.find((s) => s.name === name)!;
const ADMIN = { email: 'admin@shop.local', password: 'shop-admin-local' };
const json = (text: string) => JSON.parse(text);

interface Shop {
  readonly stack: IsolatedStack;
  readonly logs: () => string;
}

/** A shop of the test's own whose services restart when killed, as `make demo`'s do. */
async function startShop(name: string, mailpit: Mailpit, env: Record<string, string> = {}) {
  let logs = '';
  const out = new Writable({
    write: (chunk: Buffer, _encoding, done) => ((logs += chunk.toString()), done()),
  });
  const stack = await startIsolatedStack({
    name,
    restart: true,
    out,
    // A saga step waits 10 s by default; on a busy machine payment's restart can take longer,
    // and the order would be (rightly) cancelled: step 6 is about resuming, not about speed.
    env: { SAGA_STEP_TIMEOUT_MS: '60000', ...env },
    serviceEnv: { notification: { SMTP_URL: mailpit.smtpUrl } },
  });
  await seedCatalog(stack.gatewayUrl, ADMIN);
  return { stack, logs: () => logs } satisfies Shop;
}

/** What the setup step's variables become for a shop of the test's own. */
function tourEnv({ stack }: Shop, mailpit: Mailpit): Record<string, string> {
  return {
    SHOP: stack.gatewayUrl,
    MAIL: mailpit.uiUrl,
    RABBIT: 'http://localhost:15672',
    EXCHANGE: stack.exchange,
    PAYMENT_PORT: new URL(stack.stack.url('payment')).port,
    // Not in the tour: the names `make dlq-*`, `catalog-rebuild` and `analytics-replay` use.
    EVENTS_EXCHANGE: stack.exchange,
    EVENTS_QUEUE_PREFIX: stack.queuePrefix,
    DATABASE_PREFIX: stack.databasePrefix,
    DATABASE_ADMIN_URL: stack.postgresUrl,
  };
}

function listeningPid(port: string): string {
  return execFileSync('lsof', ['-t', `-iTCP:${port}`, '-sTCP:LISTEN'])
    .toString()
    .trim();
}

describe('docs/tour.md', () => {
  let mailpit: Mailpit;
  let shop: Shop;
  let dir: string;
  let shell: TourShell;
  let outputs: Map<string, string>;
  let summaryBeforeRebuild: { orders: Record<string, number> };

  const dlqDepth = async () =>
    (await shop.stack.deadLetters())[`${shop.stack.queuePrefix}notification.dlq`] ?? 0;

  beforeAll(async () => {
    mailpit = await startMailpit({ smtpPort: await freePort(), uiPort: await freePort() });
    shop = await startShop('tour', mailpit);
    dir = mkdtempSync(path.join(os.tmpdir(), 'shop-tour-'));
    shell = new TourShell(dir);
    outputs = await shell.walk(STEPS, tourEnv(shop, mailpit), {
      // A reader looks at the DLQ once the service gave up; the test waits for that moment.
      dlq: () => waitFor(async () => (await dlqDepth()) === 1, { timeoutMs: 30_000 }),
      rebuild: async () => {
        let last = '';
        summaryBeforeRebuild = await waitFor(
          async () => {
            last = await shell.run(step('analytics').script);
            const { orders } = json(last);
            return orders.confirmed === 2 && orders.cancelled === 1 && json(last);
          },
          { timeoutMs: 90_000, what: 'the three orders in the analytics summary' },
        ).catch((err: Error) => {
          throw new Error(`${err.message}; last summary: ${last}`);
        });
      },
    });
  }, 600_000);

  afterAll(async () => {
    await shop?.stack.destroy();
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
      'crash',
      'poison',
      'dlq',
      'rebuild',
      'bindings',
    ]);
  });

  test('1. buying something confirms the order through the saga', () => {
    const order = json(outputs.get('buy')!);
    expect(order.status).toBe('CONFIRMED');
    expect(order.steps).toEqual(
      expect.arrayContaining(['reserve_stock succeeded', 'charge_payment succeeded']),
    );
  });

  test("2. RabbitMQ's management API lists each consumer's queue, its DLQ and the stream", () => {
    const lines = outputs.get('queues')!.split('\n');
    const prefix = shop.stack.queuePrefix;
    for (const queue of [
      'order.saga',
      'inventory',
      'payment',
      'notification',
      'notification.dlq',
    ]) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${esc(prefix + queue)}\\t`)));
    }
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^${esc(prefix)}\\S+\\tstream\\t`)),
    );
  });

  test('3. Mailpit has the welcome and the confirmation email', async () => {
    const subjects = await waitFor(
      async () => {
        const text = await shell.run(step('mail').script);
        return /Welcome/.test(text) && /Your order \S+ is confirmed/.test(text) && text;
      },
      { timeoutMs: 30_000, what: 'both emails in Mailpit' },
    );
    expect(subjects).toMatch(/@example\.com\t/);
  }, 45_000);

  test('4. the analytics summary counts the confirmed order', async () => {
    // Eventually consistent: the step may have run before the order reached analytics.
    const summary = await waitFor(
      async () => {
        const body = json(await shell.run(step('analytics').script));
        return body.orders?.confirmed >= 1 && body;
      },
      { timeoutMs: 30_000, what: 'the order in the analytics summary' },
    );
    expect(summary.revenue).toBeGreaterThan(0);
  }, 45_000);

  test('5. a declined card cancels the order and tells the customer', async () => {
    const order = json(outputs.get('decline')!);
    expect(order).toMatchObject({ status: 'CANCELLED', failureReason: 'PAYMENT_DECLINED' });
    expect(order.steps).toContain('reserve_stock compensated');
    await waitFor(
      async () => /was cancelled/.test(await shell.run('curl -s $MAIL/api/v1/messages')),
      {
        timeoutMs: 30_000,
        what: 'the cancellation email',
      },
    );
  }, 45_000);

  test('6. the runner restarts the killed payment service and the order resumes', async () => {
    expect(json(outputs.get('crash')!).status).toBe('CONFIRMED');
    const killed = await shell.run('echo $PAYMENT_PID');
    expect(listeningPid(tourEnv(shop, mailpit).PAYMENT_PORT!)).not.toBe(killed);
    expect(shop.logs()).toContain('runner: payment exited (137); starting it again in 2 s');
    expect(shop.logs()).toContain('runner: payment is back');
  });

  test('7. the poison message is dead-lettered, replayed, and dead-lettered again', async () => {
    expect(outputs.get('poison')).toBe('true');
    const prefix = shop.stack.queuePrefix;
    expect(outputs.get('dlq')).toMatch(
      new RegExp(
        `^1 message\\(s\\) in ${esc(prefix)}notification\\.dlq\\n- poison-1 user\\.registered`,
        'm', // after make's own progress lines (`build: ...`)
      ),
    );
    expect(outputs.get('dlq')).toContain(`replayed 1 message(s) from ${prefix}notification.dlq`);
    // Handled a second time after the replay: two dead-letterings of the same message.
    await waitFor(
      () =>
        shop.logs().match(/message dead-lettered.*poison-1|poison-1.*message dead-lettered/g)
          ?.length === 2,
      { timeoutMs: 30_000, what: 'the replayed message dead-lettered again' },
    );
    expect(await dlqDepth()).toBe(1);
  }, 45_000);

  test('8. the read models rebuilt from their logs answer as before', async () => {
    const output = outputs.get('rebuild')!;
    expect(Number(/^product_view rebuilt from (\d+) events/m.exec(output)?.[1])).toBeGreaterThan(0);
    expect(output).toMatch(/^analytics rebuilt from the first offset/m);
    const orders = output.split('\n').at(-1);
    expect(json(orders!)).toEqual(summaryBeforeRebuild.orders);
    const found = json(await shell.run('curl -s "$SHOP/api/products?q=grinder"'));
    expect(found.items[0].id).toBe(await shell.run('echo $PRODUCT'));
  });

  test('9. in orchestration the payment service listens to commands', () => {
    expect(outputs.get('bindings')).toBe('payment.charge payment.refund');
  });
});

describe('docs/tour.md step 9 in choreography', () => {
  let mailpit: Mailpit;
  let shop: Shop;
  let dir: string;
  let outputs: Map<string, string>;

  beforeAll(async () => {
    mailpit = await startMailpit({ smtpPort: await freePort(), uiPort: await freePort() });
    shop = await startShop('tourchoreo', mailpit, { SAGA_MODE: 'choreography' });
    dir = mkdtempSync(path.join(os.tmpdir(), 'shop-tour-'));
    const again = ['setup', 'buy', 'bindings'].map(step);
    outputs = await new TourShell(dir).walk(again, tourEnv(shop, mailpit));
  }, 300_000);

  afterAll(async () => {
    await shop?.stack.destroy();
    await mailpit?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the same order confirms while payment reacts to facts, not commands', () => {
    expect(json(outputs.get('buy')!).status).toBe('CONFIRMED');
    // The commands stay bound only so that a mismatched sender is refused loudly.
    expect(outputs.get('bindings')).toBe(
      'inventory.reserved order.cancelled order.created payment.charge payment.refund',
    );
  });
});

function esc(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
