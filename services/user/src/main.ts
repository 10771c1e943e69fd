// First: when configured, OpenTelemetry patches the modules imported after it.
import '@shop/common/telemetry';
import path from 'node:path';
import { openStoreService, postgresReadiness, runService, type ServiceProcess } from '@shop/common';
import { createApp } from './app';
import { configSchema, type Config } from './config';
import { UserAccounts } from './use-cases/accounts';
import { seedAdmin } from './use-cases/admin-seed';
import { PasswordHasher } from './domain/password';
import { Sessions } from './use-cases/sessions';
import { TokenIssuer } from './domain/tokens';
import { createGrpcServer, listenGrpc, stopGrpc } from './grpc/server';
import { createUserMetrics } from './metrics';
import { loadSigningKey } from './signing-key';

/** The name its logs and metrics carry, and its migrations. */
const SERVICE = { name: 'user', migrationsDir: path.join(__dirname, '..', 'migrations') };

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
  { log, lifecycle }: ServiceProcess,
): Promise<RunningUserService> {
  const tokens = new TokenIssuer(await loadSigningKey(config, log));
  const service = await openStoreService(config, { log, lifecycle }, SERVICE);
  const { pool, registry } = service;
  const events = await service.startEvents();
  const hasher = new PasswordHasher(config.SCRYPT_LOG_N);
  await hasher.decoyHash(); // so the first login of an unknown email is not slower than later ones
  const accounts = new UserAccounts({
    pool,
    hasher,
    metrics: createUserMetrics(registry),
    eventsCommitted: () => events.relay.kick(),
  });
  if (config.ADMIN_EMAIL) {
    const admin = { email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD };
    await seedAdmin({ pool, accounts, hasher, log }, admin);
  }
  const app = createApp({
    ...service,
    readiness: [postgresReadiness(pool), events.readiness()],
    accounts,
    sessions: new Sessions(accounts, tokens),
    tokens,
  });
  const httpPort = await service.serve(app);
  const grpcServer = createGrpcServer(accounts, log);
  const grpcPort = await listenGrpc(grpcServer, config.GRPC_PORT);
  lifecycle.onStop('grpc', () => stopGrpc(grpcServer, config.SHUTDOWN_TIMEOUT_MS / 2));
  log.info({ grpcPort }, 'gRPC listening');
  return { httpPort, grpcPort };
}

if (require.main === module) runService('user', configSchema, startUserService);
