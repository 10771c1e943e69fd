import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthState } from './health';
import type { Logger } from './logger';

type Stopper = () => Promise<unknown> | unknown;

/**
 * The one place that handles SIGTERM: mark not-ready, stop accepting, let in-flight
 * requests and messages finish, close resources in reverse start order, exit 0.
 */
export class Lifecycle {
  readonly health: HealthState = { draining: false };
  private readonly stoppers: Array<{ name: string; stop: Stopper }> = [];
  private stopping?: Promise<void>;

  constructor(
    private readonly log: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Registers a resource to close on shutdown; closed in reverse order of registration. */
  onStop(name: string, stop: Stopper): void {
    this.stoppers.push({ name, stop });
  }

  /** Starts listening and registers the server so shutdown waits for in-flight requests. */
  async listen(name: string, server: Server, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => resolve());
    });
    this.onStop(name, () => closeServer(server));
    return (server.address() as AddressInfo).port;
  }

  /** Installs the signal handlers; the process exits when shutdown finishes. */
  handleSignals(exit: (code: number) => void = (code) => process.exit(code)): void {
    const onSignal = (signal: NodeJS.Signals) => {
      this.log.info({ signal }, 'shutting down');
      const timer = setTimeout(() => {
        this.log.error({ timeoutMs: this.timeoutMs }, 'shutdown timed out');
        exit(1);
      }, this.timeoutMs);
      timer.unref();
      void this.stop().then(
        () => exit(0),
        (err: unknown) => {
          this.log.error({ err }, 'shutdown failed');
          exit(1);
        },
      );
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }

  stop(): Promise<void> {
    this.stopping ??= this.runStoppers();
    return this.stopping;
  }

  private async runStoppers(): Promise<void> {
    this.health.draining = true;
    for (const { name, stop } of [...this.stoppers].reverse()) {
      await stop();
      this.log.info({ resource: name }, 'stopped');
    }
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    // Keep-alive sockets turn idle as their last response ends; close each as it does.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close((err) => {
      clearInterval(sweep);
      if (err) reject(err);
      else resolve();
    });
    server.closeIdleConnections();
  });
}

/** Runs a service's `main`; a failure at start (a bad config value, say) exits 1 with its message. */
export function runMain(main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const message =
      err instanceof Error ? (err.name === 'ConfigError' ? err.message : err.stack) : String(err);
    process.stderr.write(`fatal: ${message}\n`);
    process.exit(1);
  });
}
