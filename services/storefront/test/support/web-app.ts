import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleWebApp, type BuiltAsset } from '../../src/build/bundle';

export interface BuiltWebApp {
  readonly dir: string;
  /** What the first page loads: its JavaScript and CSS. */
  readonly assets: readonly BuiltAsset[];
  remove(): Promise<void>;
}

/** The real bundle (esbuild) of the web app's sources, into a directory of its own. */
export async function buildWebApp(): Promise<BuiltWebApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'storefront-web-'));
  const assets = await bundleWebApp({
    clientDir: path.join(__dirname, '../../src/client'),
    outDir: dir,
  });
  return { dir, assets, remove: () => rm(dir, { recursive: true, force: true }) };
}
