import { createServer } from 'node:http';
import path from 'node:path';
import {
  createMetrics,
  openPostgresStore,
  postgresReadiness,
  startEventBackbone,
  type Lifecycle,
  type Logger,
} from '@shop/common';
import { createApp } from './app';
import type { Config } from './config';
import { UserAccounts } from './domain/accounts';
import { seedAdmin } from './domain/admin-seed';
import { PasswordHasher } from './domain/password';
import { Sessions } from './domain/sessions';
import { TokenIssuer } from './domain/tokens';
import { createGrpcServer, listenGrpc, stopGrpc } from './grpc/server';
import { createUserMetrics } from './metrics';
import { loadSigningKey } from './signing-key';

export interface RunningUserService {
  readonly httpPort: number;
  readonly grpcPort: number;
}

/**
 * Wires and starts the user service: store, events, admin seed, HTTP and gRPC servers, each
 * registered with `lifecycle` so `lifecycle.stop()` drains and closes them in reverse order.
 */
export async function startUserService(
  config: Config,
  log: Logger,
  lifecycle: Lifecycle,
): Promise<RunningUserService> {
  const tokens = new TokenIssuer(await loadSigningKey(config, log));
  const migrationsDir = path.join(__dirname, '..', 'migrations');
  const pool = await openPostgresStore(config, { log, lifecycle, migrationsDir });
  const metrics = createMetrics('user');
  const events = await startEventBackbone(config, {
    pool,
    log,
    lifecycle,
    registry: metrics.registry,
  });
  const hasher = new PasswordHasher(config.SCRYPT_LOG_N);
  await hasher.decoyHash(); // so the first login of an unknown email is not slower than later ones
  const accounts = new UserAccounts({
    pool,
    hasher,
    metrics: createUserMetrics(metrics.registry),
    eventsCommitted: () => events.relay.kick(),
  });
  if (config.ADMIN_EMAIL) {
    const admin = { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD };
    await seedAdmin({ pool, accounts, hasher, log }, admin);
  }
  const app = createApp({
    log,
    metrics,
    health: lifecycle.health,
    readiness: [postgresReadiness(pool), events.readiness()],
    accounts,
    sessions: new Sessions(accounts, tokens),
    tokens,
  });
  const httpPort = await lifecycle.listen('http', createServer(app), config.PORT);
  const grpcServer = createGrpcServer(accounts, log);
  const grpcPort = await listenGrpc(grpcServer, config.GRPC_PORT);
  lifecycle.onStop('grpc', () => stopGrpc(grpcServer, config.SHUTDOWN_TIMEOUT_MS / 2));
  log.info({ httpPort, grpcPort }, 'user service listening');
  return { httpPort, grpcPort };
}
