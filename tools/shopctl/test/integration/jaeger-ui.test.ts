import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@shop/common/testing';
import { startJaeger, type Jaeger } from '../../src/runner/jaeger';

// JAEGER_UI_DIR: the local Jaeger serves a jaeger-ui build instead of the module's placeholder.
let dir: string;
let jaeger: Jaeger | undefined;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'jaeger-ui-'));
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><html><head><base href="/" /></head><body>the shop test UI</body></html>',
  );
});

afterAll(async () => {
  await jaeger?.stop();
  await rm(dir, { recursive: true, force: true });
});

test('serves the UI build it is given, beside the query API', async () => {
  const [otlpHttp, otlpGrpc, query, queryGrpc] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  jaeger = await startJaeger({ otlpHttp, otlpGrpc, query, queryGrpc }, undefined, dir);

  const page = await fetch(`${jaeger.queryUrl}/search`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('the shop test UI');
  expect((await fetch(`${jaeger.queryUrl}/api/services`)).status).toBe(200);
});

test('refuses a folder that is not a UI build, naming it', async () => {
  await expect(startJaeger(undefined, undefined, os.tmpdir())).rejects.toThrow(
    `JAEGER_UI_DIR=${os.tmpdir()} has no index.html`,
  );
});
