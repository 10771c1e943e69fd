import { credentialKeys, DEV_CREDENTIALS_SECRET } from '../config/credentials';
import type { DependencySpec } from './dependency-spec';

/** MongoDB for the order service's store. */
export function mongodb(): DependencySpec {
  const secret = (name: string, key: string) => ({ name, secret: DEV_CREDENTIALS_SECRET, key });
  return {
    name: 'mongodb',
    image: 'mongo:8.0.12',
    uid: 999,
    env: {},
    secretEnv: [
      secret('MONGO_INITDB_ROOT_USERNAME', credentialKeys.mongodbUsername),
      secret('MONGO_INITDB_ROOT_PASSWORD', credentialKeys.mongodbPassword),
    ],
    dataPath: '/data/db',
    storage: '2Gi',
    scratchPaths: ['/tmp', '/data/configdb'],
    readiness: { tcpSocket: { port: 'tcp-mongodb' } },
    liveness: { tcpSocket: { port: 'tcp-mongodb' } },
    size: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '768Mi' },
  };
}
