import { PassThrough } from 'node:stream';
import { freePort } from '@shop/common/testing';
import { infra } from '../../src/infra/command';
import { amqpProbe, mongoPing, postgresLogin } from '../../src/infra/probe';

/** The servers `make test` brought up before jest: infra up must only check them. */
describe('shopctl infra up against the running servers', () => {
  test('the fast path reports each server ready and changes nothing', async () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString()));
    await expect(infra(['up'], out)).resolves.toBe(0);
    const lines = text.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^postgres: ready on /),
        expect.stringMatching(/^rabbitmq: ready on .*\(RabbitMQ \d+\.\d+/),
        expect.stringMatching(/^rabbitmq: management UI on http:\/\/localhost:15672 /),
      ]),
    );
    expect(text).not.toMatch(/starting|installing|creating|enabling|waiting/);
  });

  test('an unknown server name is a usage error, not a silent no-op', async () => {
    const out = new PassThrough();
    await expect(infra(['up', 'mysql'], out)).resolves.toBe(2);
  });
});

describe('infra probes', () => {
  test('PostgreSQL: a login is ok, an unknown role is refused, a port nothing listens on is down', async () => {
    expect(await postgresLogin('postgres://postgres@127.0.0.1:5432')).toEqual({ kind: 'ok' });
    expect(await postgresLogin('postgres://no_such_role@127.0.0.1:5432')).toMatchObject({
      kind: 'refused',
      error: expect.stringMatching(/no_such_role/),
    });
    expect(await postgresLogin(`postgres://postgres@127.0.0.1:${await freePort()}`)).toEqual({
      kind: 'down',
    });
  });

  test('RabbitMQ: the version comes from the handshake; a wrong password is refused', async () => {
    expect(await amqpProbe('amqp://guest:guest@127.0.0.1:5672')).toEqual({
      kind: 'ok',
      version: expect.stringMatching(/^\d+\.\d+/),
    });
    expect(await amqpProbe('amqp://guest:wrong@127.0.0.1:5672')).toMatchObject({ kind: 'refused' });
    expect(await amqpProbe(`amqp://guest:guest@127.0.0.1:${await freePort()}`)).toEqual({
      kind: 'down',
    });
  });

  test('MongoDB ping: FerretDB answers on 27017, a closed port does not', async () => {
    expect(await mongoPing('mongodb://127.0.0.1:27017/')).toBe(true);
    expect(await mongoPing(`mongodb://127.0.0.1:${await freePort()}/`)).toBe(false);
  });
});
