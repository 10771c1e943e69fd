import type { DependencySpec } from './dependency-spec';

/** Mailpit: an SMTP sink with a web UI (port-forward 8025) where the notification mails land. */
export function mailpit(): DependencySpec {
  return {
    name: 'mailpit',
    image: 'axllent/mailpit:v1.33.1',
    uid: 10001,
    env: {
      MP_DATABASE: '/data/mailpit.db',
      MP_SMTP_AUTH_ACCEPT_ANY: 'true',
      MP_SMTP_AUTH_ALLOW_INSECURE: 'true',
    },
    secretEnv: [],
    dataPath: '/data',
    scratchPaths: ['/tmp'],
    readiness: { httpGet: { path: '/readyz', port: 'http-web' } },
    liveness: { httpGet: { path: '/livez', port: 'http-web' } },
    size: { cpuRequest: '20m', memoryRequest: '64Mi', cpuLimit: '200m', memoryLimit: '128Mi' },
  };
}
