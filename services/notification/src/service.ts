import { createServer } from 'node:http';
import path from 'node:path';
import {
  createMetrics,
  createPool,
  ensureDatabase,
  eventBackboneFrom,
  KIT_MIGRATIONS_DIR,
  migrate,
  postgresReadiness,
  type Lifecycle,
  type Logger,
  type Pool,
} from '@shop/common';
import { createApp } from './app';
import { grpcUserDirectory } from './clients/user-directory';
import type { Config } from './config';
import { logTransport, smtpTransport, type MailTransport } from './delivery/mail-transport';
import { NotificationSender } from './delivery/sender';
import { subscribeNotifications } from './events/subscriptions';
import { createNotificationMetrics, registerPendingGauge } from './metrics';

/**
 * Wires and starts the notification service: store, user service client, sender, event
 * consumer and HTTP server, each registered with `lifecycle` so `lifecycle.stop()` stops
 * taking work, lets a send and the messages in flight finish, then closes the rest.
 */
export async function startNotificationService(
  config: Config,
  log: Logger,
  lifecycle: Lifecycle,
): Promise<{ httpPort: number }> {
  const pool = await openStore(config, log, lifecycle);
  const users = grpcUserDirectory({
    address: config.USER_GRPC_ADDR,
    timeoutMs: config.USER_GRPC_TIMEOUT_MS,
  });
  lifecycle.onStop('user-grpc', async () => users.close());
  const metrics = createMetrics('notification');
  const counters = createNotificationMetrics(metrics.registry);
  registerPendingGauge(metrics.registry, pool);
  const transport = mailTransport(config, log);
  lifecycle.onStop('smtp', async () => transport.close());
  const sender = new NotificationSender({
    pool,
    transport,
    log,
    metrics: counters,
    pollMs: config.SENDER_POLL_MS,
    batchSize: config.SENDER_BATCH_SIZE,
    retryMinMs: config.SMTP_RETRY_MIN_MS,
    retryMaxMs: config.SMTP_RETRY_MAX_MS,
  });
  lifecycle.onStop('sender', () => sender.stop());
  const events = eventBackboneFrom(config, { pool, log, registry: metrics.registry });
  lifecycle.onStop('events', () => events.stop());
  subscribeNotifications(events, {
    pool,
    users,
    log,
    metrics: counters,
    stored: () => sender.kick(),
  });
  await events.start();
  sender.start();
  const readiness = [postgresReadiness(pool), events.readiness()];
  const app = createApp({ pool, log, metrics, health: lifecycle.health, readiness });
  const httpPort = await lifecycle.listen('http', createServer(app), config.PORT);
  log.info({ httpPort, smtp: transport.deliveredAs === 'SENT' }, 'notification service listening');
  return { httpPort };
}

async function openStore(config: Config, log: Logger, lifecycle: Lifecycle): Promise<Pool> {
  await ensureDatabase(config.DATABASE_URL);
  const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE);
  lifecycle.onStop('postgres', () => pool.end());
  await migrate(pool, [KIT_MIGRATIONS_DIR, path.join(__dirname, '..', 'migrations')], log);
  return pool;
}

function mailTransport(config: Config, log: Logger): MailTransport {
  if (!config.SMTP_URL) {
    log.warn('SMTP_URL is not set: emails are stored and logged, not sent');
    return logTransport(log);
  }
  return smtpTransport({
    url: config.SMTP_URL,
    from: config.MAIL_FROM,
    timeoutMs: config.SMTP_TIMEOUT_MS,
  });
}
