// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import {
  openStoreService,
  postgresReadiness,
  runService,
  type Logger,
  type ServiceProcess,
} from '@shop/common';
import { createApp } from './app';
import { recipientDirectory } from './clients/recipient-directory';
import { grpcUserDirectory } from './clients/user-directory';
import { configSchema, type Config } from './config';
import { logTransport, smtpTransport, type MailTransport } from './delivery/mail-transport';
import { NotificationSender } from './delivery/sender';
import { subscribeNotifications } from './events/subscriptions';
import { createNotificationMetrics, registerPendingGauge } from './metrics';

/** The name its logs and metrics carry, and its migrations. */
const SERVICE = { name: 'notification', migrationsDir: path.join(__dirname, '..', 'migrations') };

/**
 * Wires and starts the notification service: store, user service client, sender, event
 * consumer and HTTP server, each registered with `lifecycle` so `lifecycle.stop()` stops
 * taking work, lets a send and the messages in flight finish, then closes the rest.
 */
export async function startNotificationService(
  config: Config,
  { log, lifecycle }: ServiceProcess,
): Promise<{ httpPort: number }> {
  const service = await openStoreService(config, { log, lifecycle }, SERVICE);
  const { pool, registry } = service;
  const remoteUsers = grpcUserDirectory({
    address: config.USER_GRPC_ADDR,
    timeoutMs: config.USER_GRPC_TIMEOUT_MS,
  });
  const users = recipientDirectory(pool, remoteUsers, log);
  lifecycle.onStop('user-grpc', async () => users.close());
  const counters = createNotificationMetrics(registry);
  registerPendingGauge(registry, pool);
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
  const events = await service.startEvents((bus) =>
    subscribeNotifications(bus, {
      pool,
      users,
      log,
      metrics: counters,
      stored: () => sender.kick(),
    }),
  );
  sender.start();
  const readiness = [postgresReadiness(pool), events.readiness()];
  const app = createApp({ ...service, readiness });
  const smtp = transport.deliveredAs === 'SENT';
  return { httpPort: await service.serve(app, { smtp }) };
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

if (require.main === module) runService('notification', configSchema, startNotificationService);
