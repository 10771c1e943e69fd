import express, { type Express, type Request } from 'express';
import { pinoHttp } from 'pino-http';
import { contextFromHeaders, currentContext, runWithContext } from './context';
import { notFoundHandler, problemHandler } from './errors';
import { healthRoutes, metricsRoute, type HealthState, type ReadinessCheck } from './health';
import type { Logger } from './logger';
import { httpMetricsMiddleware, routeLabel, type Metrics } from './metrics';
import { tracing } from './telemetry/tracing';

export interface ServiceAppOptions {
  readonly log: Logger;
  readonly metrics: Metrics;
  readonly readiness: readonly ReadinessCheck[];
  readonly health: HealthState;
  /** Largest accepted JSON body. @default '100kb' */
  readonly bodyLimit?: string;
  /** Parse JSON bodies (the gateway streams them instead). @default true */
  readonly parseJson?: boolean;
  /**
   * Serve `GET /metrics` on this app. The gateway's app is public, so it serves them on a
   * port of their own instead. @default true
   */
  readonly servesMetrics?: boolean;
  /**
   * Answer every request with `traceresponse` (W3C Trace Context Level 2): the trace id a client
   * looks up in Jaeger. The gateway does; behind it the gateway's own span is the one to name.
   * @default false
   */
  readonly traceResponse?: boolean;
  /** Metrics route label. @default the matched Express route */
  readonly routeLabel?: (req: Request) => string;
}

const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * The Express app every service starts from: request context, access logs, metrics,
 * health routes and JSON parsing; `mount` adds the service's routes; unmatched routes and
 * every error end as problem+json.
 */
export function createServiceApp(
  options: ServiceAppOptions,
  mount: (app: Express) => void,
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((req, res, next) => {
    const ctx = contextFromHeaders(req.headers);
    res.setHeader('x-request-id', ctx.requestId);
    if (options.traceResponse) {
      res.setHeader('traceresponse', tracing().traceparent() ?? ctx.traceparent);
    }
    runWithContext(ctx, next);
  });
  app.use(
    pinoHttp({
      logger: options.log,
      genReqId: () => currentContext()?.requestId ?? '',
      autoLogging: { ignore: (req) => QUIET_PATHS.has(req.url ?? '') },
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: { req: (req: { method: string; url: string }) => `${req.method} ${req.url}` },
      customAttributeKeys: { responseTime: 'ms' },
      quietReqLogger: true,
    }),
  );
  app.use(httpMetricsMiddleware(options.metrics, options.routeLabel ?? routeLabel));
  app.use(healthRoutes(options.readiness, options.health));
  if (options.servesMetrics !== false) app.use(metricsRoute(options.metrics));
  if (options.parseJson !== false) {
    app.use(express.json({ limit: options.bodyLimit ?? '100kb', strict: true }));
  }
  mount(app);
  app.use(notFoundHandler);
  app.use(problemHandler(options.log));
  return app;
}
