import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/** The report folder from `--out DIR` (default bench/results); undefined for `--out` alone. */
export function outputDir(args: readonly string[]): string | undefined {
  const i = args.indexOf('--out');
  if (i < 0) return path.join(REPO_ROOT, 'bench/results');
  const dir = args[i + 1];
  return dir ? path.resolve(dir) : undefined;
}

/** Writes `<dir>/<time><suffix>.json` and `.md`; returns the path without the extension. */
export async function writeReport(
  dir: string,
  startedAt: string,
  suffix: string,
  report: unknown,
  markdown: string,
): Promise<string> {
  await mkdir(dir, { recursive: true });
  const stem = path.join(dir, `${startedAt.replace(/[:.]/g, '-')}${suffix}`);
  await writeFile(`${stem}.json`, JSON.stringify(report, null, 2) + '\n');
  await writeFile(`${stem}.md`, markdown);
  return stem;
}
