import { Counter, type Registry } from 'prom-client';

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
