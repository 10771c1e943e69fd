import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './manifests';

/** Runs a pinned tool from ./bin (built by `make tools`); returns its exit status and stdout+stderr. */
export function runTool(
  tool: 'helm' | 'istioctl',
  args: string[],
): { status: number; output: string } {
  const binary = join(repoRoot, 'bin', tool);
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`make tools\``);
  const result = spawnSync(binary, args, { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.error) throw result.error;
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}
