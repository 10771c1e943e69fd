import os from 'node:os';
import amqp from 'amqplib';
import { withAdminDb } from '../runner/admin-db';

export interface MachineInfo {
  readonly hostname: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  /** 1-minute load average when the run started: how busy the shared box was. */
  readonly loadAverage: number;
  readonly node: string;
  readonly postgres: string;
  readonly rabbitmq: string;
}

/** What the figures of a run depend on: the box, Node, and the servers' versions. */
export async function machineInfo(postgresUrl: string, amqpUrl: string): Promise<MachineInfo> {
  return {
    hostname: os.hostname(),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg()[0]!,
    node: process.version,
    postgres: await postgresVersion(postgresUrl).catch(() => 'unknown'),
    rabbitmq: await rabbitmqVersion(amqpUrl).catch(() => 'unknown'),
  };
}

function postgresVersion(postgresUrl: string): Promise<string> {
  return withAdminDb(postgresUrl, async (client) => {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]!.server_version;
  });
}

async function rabbitmqVersion(amqpUrl: string): Promise<string> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const props = (
      connection as unknown as { connection: { serverProperties?: { version?: string } } }
    ).connection.serverProperties;
    return String(props?.version ?? 'unknown');
  } finally {
    await connection.close();
  }
}
