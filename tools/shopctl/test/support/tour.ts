import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface TourStep {
  readonly name: string;
  readonly script: string;
}

/** The steps of docs/tour.md marked `<!-- tour: name -->`, each with its sh block. */
export function tourSteps(): TourStep[] {
  const tour = readFileSync(path.join(REPO_ROOT, 'docs/tour.md'), 'utf8');
  return [...tour.matchAll(/<!-- tour: (\w+) -->\n```sh\n([\s\S]*?)```/g)].map((m) => ({
    name: m[1]!,
    script: m[2]!,
  }));
}

/**
 * One shell session over several steps: each step runs in bash from the repository's root,
 * with the variables and functions of the steps before it.
 */
export class TourShell {
  private readonly state: string;

  constructor(dir: string) {
    this.state = path.join(dir, 'state.sh');
    writeFileSync(this.state, '');
  }

  /**
   * Runs `steps` in order and returns each one's output. `env` replaces what the setup step
   * sets (the demo's addresses) right after it; `before[name]` runs before that step, where a
   * reader would wait a moment for the effect of the previous one.
   */
  async walk(
    steps: readonly TourStep[],
    env: Record<string, string>,
    before: Record<string, () => Promise<unknown>> = {},
  ): Promise<Map<string, string>> {
    const outputs = new Map<string, string>();
    for (const step of steps) {
      await before[step.name]?.();
      const override = step.name === 'setup' ? assignments(env) : '';
      outputs.set(step.name, await this.run(`${step.script}\n${override}`));
    }
    return outputs;
  }

  /** One script in bash: the session's state in, its own state out. */
  run(script: string): Promise<string> {
    const state = this.state;
    const wrapped = `set -a; source ${state}\n${script}\n{ export -p; declare -f; } | grep -v '^declare -[a-z]*r' > ${state}.new && mv ${state}.new ${state}`;
    return new Promise((resolve, reject) => {
      execFile(
        'bash',
        ['-eo', 'pipefail', '-c', wrapped],
        // make runs `make build` first: slow on a busy machine, a no-op after `make test`'s.
        { cwd: REPO_ROOT, timeout: 180_000 },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${script}\n${stderr}`)) : resolve(stdout.trim()),
      );
    });
  }
}

const assignments = (vars: Record<string, string>) =>
  Object.entries(vars)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
