import {
  createServiceApp,
  type HealthState,
  type Logger,
  type Metrics,
  type ReadinessCheck,
} from '@shop/common';
import type { Express } from 'express';
import type { UserAccounts } from './use-cases/accounts';
import type { Sessions } from './use-cases/sessions';
import type { TokenIssuer } from './domain/tokens';
import { authRoutes } from './routes/auth';
import { jwksRoutes } from './routes/jwks';
import { userRoutes } from './routes/users';

export interface AppDeps {
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly health: HealthState;
  readonly readiness: readonly ReadinessCheck[];
  readonly accounts: UserAccounts;
  readonly sessions: Sessions;
  readonly tokens: TokenIssuer;
}

/** The user service's HTTP API (DESIGN.md), without listening. */
export function createApp(deps: AppDeps): Express {
  const { log, metrics, health, readiness } = deps;
  return createServiceApp({ log, metrics, health, readiness, bodyLimit: '16kb' }, (app) => {
    app.use(authRoutes(deps.sessions));
    app.use(userRoutes(deps.accounts));
    app.use(jwksRoutes(deps.tokens));
  });
}
