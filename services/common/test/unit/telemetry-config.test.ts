import { ConfigError, loadConfig } from '../../src';
import { telemetrySchema, tracingSettings } from '../../src/telemetry/config';

const settingsOf = (env: Record<string, string>) =>
  tracingSettings(loadConfig(telemetrySchema, env), 'order');

describe('tracing settings from the OTEL_* variables', () => {
  test('tracing is off when no OTLP endpoint is configured', () => {
    expect(settingsOf({})).toBeUndefined();
  });

  test.each<Record<string, string>>([
    { OTEL_SDK_DISABLED: 'true' },
    { OTEL_TRACES_EXPORTER: 'none' },
  ])('an endpoint with %o is off', (off) => {
    expect(settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318', ...off })).toBe(
      undefined,
    );
  });

  test('a base endpoint exports to its /v1/traces; W3C and B3, every trace sampled by default', () => {
    expect(settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' })).toEqual({
      serviceName: 'order',
      tracesUrl: 'http://jaeger:4318/v1/traces',
      sampler: 'parentbased_always_on',
      ratio: 1,
      propagators: ['tracecontext', 'b3multi'],
    });
  });

  test('the traces endpoint, service name, sampler and propagators are taken as given', () => {
    const settings = settingsOf({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces',
      OTEL_SERVICE_NAME: 'order.shop',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_PROPAGATORS: 'b3, tracecontext',
    });
    expect(settings).toEqual({
      serviceName: 'order.shop',
      tracesUrl: 'http://collector:4318/v1/traces',
      sampler: 'parentbased_traceidratio',
      ratio: 0.25,
      propagators: ['b3', 'tracecontext'],
    });
  });

  test.each([
    ['OTEL_EXPORTER_OTLP_PROTOCOL', { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }],
    ['OTEL_TRACES_SAMPLER_ARG', { OTEL_TRACES_SAMPLER_ARG: '2' }],
    ['OTEL_TRACES_SAMPLER', { OTEL_TRACES_SAMPLER: 'sometimes' }],
    ['OTEL_PROPAGATORS', { OTEL_PROPAGATORS: 'xray' }],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', { OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318' }],
  ])('a bad %s fails fast naming the variable', (name, env) => {
    expect(() => loadConfig(telemetrySchema, env)).toThrow(ConfigError);
    expect(() => loadConfig(telemetrySchema, env)).toThrow(new RegExp(`${name}`));
  });
});
