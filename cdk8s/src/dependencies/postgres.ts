import type { ServiceName } from '@shop/topology';
import { credentialKeys, DEV_CREDENTIALS_SECRET } from '../config/credentials';
import type { DependencySpec } from './dependency-spec';

/** Creates one role and one database per service on first start; passwords come from the Secret. */
const initScript = `#!/bin/sh
set -eu
for service in $SHOP_DATABASES; do
  password_var="$(echo "$service" | tr 'a-z' 'A-Z')_DB_PASSWORD"
  password="$(printenv "$password_var")"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \\
    -v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
SQL
done
`;

/** PostgreSQL with a database and a user per service. */
export function postgres(databases: readonly ServiceName[]): DependencySpec {
  const secret = (name: string, key: string) => ({ name, secret: DEV_CREDENTIALS_SECRET, key });
  return {
    name: 'postgres',
    image: 'postgres:17.6-alpine',
    uid: 70,
    env: {
      POSTGRES_USER: 'postgres',
      PGDATA: '/var/lib/postgresql/data/pgdata',
      SHOP_DATABASES: databases.join(' '),
    },
    secretEnv: [
      secret('POSTGRES_PASSWORD', credentialKeys.postgresPassword),
      ...databases.map((db) =>
        secret(`${db.toUpperCase()}_DB_PASSWORD`, credentialKeys.databasePassword(db)),
      ),
    ],
    dataPath: '/var/lib/postgresql/data',
    storage: '2Gi',
    scratchPaths: ['/tmp', '/var/run/postgresql'],
    files: {
      mountPath: '/docker-entrypoint-initdb.d',
      data: { '10-service-databases.sh': initScript },
    },
    readiness: { tcpSocket: { port: 'tcp-postgres' } },
    liveness: { tcpSocket: { port: 'tcp-postgres' } },
    size: { cpuRequest: '100m', memoryRequest: '256Mi', cpuLimit: '1', memoryLimit: '512Mi' },
  };
}
