import { credentialKeys, DEV_CREDENTIALS_SECRET } from '../config/credentials';
import type { DependencySpec } from './dependency-spec';

/** RabbitMQ with its message store on a volume (durable queues and the analytics stream survive restarts). */
export function rabbitmq(): DependencySpec {
  const secret = (name: string, key: string) => ({ name, secret: DEV_CREDENTIALS_SECRET, key });
  return {
    name: 'rabbitmq',
    image: 'rabbitmq:4.1.3-management',
    uid: 999,
    env: { RABBITMQ_NODENAME: 'rabbit@localhost' },
    secretEnv: [
      secret('RABBITMQ_DEFAULT_USER', credentialKeys.rabbitmqUsername),
      secret('RABBITMQ_DEFAULT_PASS', credentialKeys.rabbitmqPassword),
    ],
    dataPath: '/var/lib/rabbitmq',
    storage: '2Gi',
    scratchPaths: ['/tmp'],
    readiness: { tcpSocket: { port: 'tcp-amqp' } },
    liveness: { tcpSocket: { port: 'tcp-amqp' } },
    size: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '1Gi' },
  };
}
