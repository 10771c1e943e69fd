import pino, { type Logger } from 'pino';
import { currentContext } from './context';
import { tracing } from './telemetry/tracing';

export type { Logger } from 'pino';

/**
 * JSON logs; every line inside a request or message carries its request id and `trace_id`, and
 * `span_id` when a span is active (tracing on).
 */
export function createLogger(
  service: string,
  level = 'info',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: ['password', '*.password', 'req.headers.authorization', 'token', '*.token'],
      censor: '[redacted]',
    },
    mixin() {
      const ctx = currentContext();
      const ids = tracing().activeIds();
      if (!ctx) return ids ?? {};
      return { requestId: ctx.requestId, ...(ids ?? { trace_id: ctx.traceId }) };
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
