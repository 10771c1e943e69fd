import { loadInfraConfig } from './config';
import { ferretdbDown, ferretdbUp } from './ferretdb';
import { postgresDown, postgresUp } from './postgres';
import { rabbitmqDown, rabbitmqUp } from './rabbitmq';
import { InfraError } from './steps';

const USAGE = 'usage: shopctl infra up|down [postgres] [rabbitmq] [mongo] [--force]\n';
const SERVERS = ['postgres', 'rabbitmq', 'mongo'] as const;
type Server = (typeof SERVERS)[number];

/**
 * `make infra-up` / `make infra-down` / `make mongo-up`: the local PostgreSQL and RabbitMQ
 * (default), FerretDB with `mongo`. Idempotent; only checks when everything is up.
 */
export async function infra(args: string[], out: NodeJS.WritableStream): Promise<number> {
  const [verb, ...rest] = args;
  const force = rest.includes('--force');
  const named = rest.filter((a) => a !== '--force');
  if ((verb !== 'up' && verb !== 'down') || !named.every((a) => SERVERS.includes(a as Server))) {
    out.write(USAGE);
    return 2;
  }
  const servers = new Set<Server>(named.length ? (named as Server[]) : ['postgres', 'rabbitmq']);
  const config = loadInfraConfig(process.env);
  const log = (line: string) => out.write(`${line}\n`);
  try {
    if (verb === 'up') {
      // The broker boots (5-10 s) while PostgreSQL comes up; FerretDB needs PostgreSQL.
      const postgresThenMongo = async () => {
        await postgresUp(config, log);
        if (servers.has('mongo')) await ferretdbUp(config, log);
      };
      await Promise.all([
        servers.has('rabbitmq') && rabbitmqUp(config, log),
        (servers.has('postgres') || servers.has('mongo')) && postgresThenMongo(),
      ]);
    } else {
      if (servers.has('mongo') || servers.has('postgres')) await ferretdbDown(config, log);
      if (servers.has('postgres')) await postgresDown(config, log);
      if (servers.has('rabbitmq')) await rabbitmqDown(config, force, log);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof InfraError)) throw err;
    process.stderr.write(`shopctl infra: ${err.message}\n`);
    return 1;
  }
}
