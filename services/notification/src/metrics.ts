import type { Queryable } from '@shop/common';
import { Counter, Gauge, type Registry } from 'prom-client';

/** What happened to a consumed event. */
export type EventOutcome = 'stored' | 'duplicate' | 'recipient_gone';

export interface NotificationMetrics {
  readonly sent: Counter<'kind'>;
  readonly smtpFailures: Counter;
  readonly events: Counter<'type' | 'outcome'>;
  readonly userLookupFailures: Counter<'code'>;
}

export function createNotificationMetrics(registry: Registry): NotificationMetrics {
  return {
    sent: new Counter({
      name: 'notifications_sent_total',
      help: 'Emails the SMTP server accepted, by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    smtpFailures: new Counter({
      name: 'smtp_failures_total',
      help: 'Send attempts the SMTP server did not accept (outage, deferral or refusal)',
      registers: [registry],
    }),
    events: new Counter({
      name: 'notification_events_total',
      help: 'Consumed events by type and outcome (stored, duplicate, recipient_gone)',
      labelNames: ['type', 'outcome'] as const,
      registers: [registry],
    }),
    userLookupFailures: new Counter({
      name: 'user_lookup_failures_total',
      help: 'GetUser calls to the user service that failed (retried later), by gRPC status',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
  };
}

/** `notifications_pending`: emails not yet delivered, counted when scraped (alert on growth). */
export function registerPendingGauge(registry: Registry, db: Queryable): void {
  new Gauge({
    name: 'notifications_pending',
    help: 'Notifications waiting for the SMTP server to accept them',
    registers: [registry],
    async collect() {
      const { rows } = await db
        .query<{ n: number }>(
          "SELECT count(*)::int AS n FROM notifications WHERE status = 'PENDING'",
        )
        .catch(() => ({ rows: [] as Array<{ n: number }> }));
      if (rows[0]) this.set(rows[0].n);
    },
  });
}
