import path from 'node:path';
import { runMain } from '@shop/common';
import { bundleWebApp } from './bundle';

/** `npm run bundle`: builds the web app into dist/web (after `tsc --build`). */
runMain(async () => {
  const root = path.join(__dirname, '..', '..');
  const assets = await bundleWebApp({
    clientDir: path.join(root, 'src', 'client'),
    outDir: path.join(root, 'dist', 'web'),
  });
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  for (const asset of assets) {
    process.stdout.write(
      `bundle: ${asset.file} ${kb(asset.bytes)} (${kb(asset.gzipBytes)} gzip)\n`,
    );
  }
});
