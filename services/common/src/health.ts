import { Router } from 'express';
import type { Metrics } from './metrics';

/** A named dependency check for /readyz; it rejects or returns false when not ready. */
export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<boolean | void>;
}

export interface HealthState {
  /** Set on SIGTERM so /readyz fails and the load balancer stops sending work. */
  draining: boolean;
}

export function healthRoutes(checks: readonly ReadinessCheck[], state: HealthState): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        const ok = await withTimeout(c.check(), 2000).then(
          (v) => v !== false,
          () => false,
        );
        return [c.name, ok ? 'ok' : 'failing'] as const;
      }),
    );
    const ready = !state.draining && results.every(([, s]) => s === 'ok');
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : state.draining ? 'draining' : 'not ready',
      checks: Object.fromEntries(results),
    });
  });
  return router;
}

/** `GET /metrics`: the registry in Prometheus text. */
export function metricsRoute(metrics: Metrics): Router {
  return Router().get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
