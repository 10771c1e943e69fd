import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from '@shop/common/testing';
import { loadInfraConfig, type InfraConfig } from '../../src/infra/config';
import { postgresDown, postgresUp } from '../../src/infra/postgres';
import { installedBinaries } from '../../src/infra/postgres-cluster';
import { postgresLogin } from '../../src/infra/probe';

/**
 * The start-from-nothing path, on a second cluster: a fresh "clone" in a temp dir whose
 * server listens on a free port, so the shared PostgreSQL on 5432 is never touched.
 */
const withBinaries = installedBinaries().length > 0 ? describe : describe.skip;

withBinaries('shopctl infra up/down with no PostgreSQL running', () => {
  let repo: string;
  let config: InfraConfig;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(async () => {
    repo = mkdtempSync(path.join(os.tmpdir(), 'shop-infra-'));
    chmodSync(repo, 0o755); // the postgres OS user runs the cluster when we are root
    const port = await freePort();
    const base = loadInfraConfig({}, repo);
    const url = `postgres://postgres@127.0.0.1:${port}`;
    config = { ...base, postgres: { ...base.postgres, url, port, external: false } };
  });

  afterAll(async () => {
    await postgresDown(config, () => undefined);
    rmSync(repo, { recursive: true, force: true });
  });

  test('up creates and starts the project cluster in the clone, trusting postgres', async () => {
    await postgresUp(config, log);
    expect(lines).toEqual([
      expect.stringMatching(/^postgres: creating the project cluster in .*\/\.data\/postgres$/),
      expect.stringMatching(/^postgres: starting/),
      `postgres: ready on 127.0.0.1:${config.postgres.port} (data ${repo}/.data/postgres)`,
    ]);
    expect(await dataDirectory(config.postgres.url)).toBe(`${repo}/.data/postgres`);
  }, 120_000);

  test('up again only checks', async () => {
    lines.length = 0;
    await postgresUp(config, log);
    expect(lines).toEqual([`postgres: ready on 127.0.0.1:${config.postgres.port}`]);
  });

  test('down stops it, keeps its data, and the next up starts it without initdb', async () => {
    lines.length = 0;
    await postgresDown(config, log);
    expect(lines).toEqual([`postgres: stopped (data ${repo}/.data/postgres)`]);
    expect(await postgresLogin(config.postgres.url)).toEqual({ kind: 'down' });
    lines.length = 0;
    await postgresUp(config, log);
    expect(lines.some((l) => l.includes('creating'))).toBe(false);
    expect(await dataDirectory(config.postgres.url)).toBe(`${repo}/.data/postgres`);
  }, 120_000);
});

async function dataDirectory(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: `${url}/postgres` });
  await client.connect();
  try {
    return (await client.query<{ d: string }>("select current_setting('data_directory') d"))
      .rows[0]!.d;
  } finally {
    await client.end();
  }
}
