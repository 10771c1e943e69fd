import { Counter, type Registry } from 'prom-client';

/** The user service's business counters, on the service's own registry. */
export interface UserMetrics {
  readonly registered: Counter;
  readonly logins: Counter<'result'>;
}

export function createUserMetrics(registry: Registry): UserMetrics {
  return {
    registered: new Counter({
      name: 'users_registered_total',
      help: 'Accounts created (signup, CreateUser, admin seed)',
      registers: [registry],
    }),
    logins: new Counter({
      name: 'logins_total',
      help: 'Login attempts by result (success or failure)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
}
