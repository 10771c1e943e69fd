import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export interface BundleOptions {
  /** The web app's sources: `main.tsx` and `index.html`. */
  readonly clientDir: string;
  /** Replaced whole: `index.html` and `assets/`. */
  readonly outDir: string;
}

export interface BuiltAsset {
  /** Path under `outDir`, e.g. `assets/main-2KX3.js`. */
  readonly file: string;
  readonly bytes: number;
  readonly gzipBytes: number;
}

const ASSETS_MARK = '<!-- assets -->';

/**
 * Bundles and minifies the web app into content-hashed files and writes `index.html` naming
 * them; returns what the first page loads (its JavaScript and CSS) with their sizes.
 */
export async function bundleWebApp(options: BundleOptions): Promise<BuiltAsset[]> {
  const assetsDir = path.join(options.outDir, 'assets');
  await rm(options.outDir, { recursive: true, force: true });
  await mkdir(assetsDir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(options.clientDir, 'main.tsx')],
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    format: 'esm',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs)
    .filter((file) => /\.(js|css)$/.test(file))
    .map((file) => path.relative(options.outDir, file));
  const template = await readFile(path.join(options.clientDir, 'index.html'), 'utf8');
  if (!template.includes(ASSETS_MARK)) throw new Error(`index.html has no ${ASSETS_MARK}`);
  await writeFile(
    path.join(options.outDir, 'index.html'),
    template.replace(ASSETS_MARK, tags(files)),
  );
  return Promise.all(files.map((file) => measure(options.outDir, file)));
}

function tags(files: readonly string[]): string {
  return files
    .map((file) =>
      file.endsWith('.css')
        ? `<link rel="stylesheet" href="/${file}" />`
        : `<script type="module" src="/${file}"></script>`,
    )
    .join('\n    ');
}

async function measure(outDir: string, file: string): Promise<BuiltAsset> {
  const content = await readFile(path.join(outDir, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}
