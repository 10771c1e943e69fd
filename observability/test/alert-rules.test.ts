import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { alertRulesYaml, ruleGroups } from '@shop/observability';

/** The pinned promtool (`make promtool`; `make test` builds it first). */
const PROMTOOL = path.resolve(__dirname, '../../bin/promtool');

function promtool(...args: string[]): string {
  return execFileSync(PROMTOOL, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('the shop alert rules', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(PROMTOOL)) throw new Error(`${PROMTOOL} is missing: run make promtool`);
    dir = mkdtempSync(path.join(tmpdir(), 'shop-alerts-'));
    writeFileSync(path.join(dir, 'shop-alerts.rules.yml'), alertRulesYaml());
    copyFileSync(
      path.join(__dirname, 'shop-alerts.test.yml'),
      path.join(dir, 'shop-alerts.test.yml'),
    );
  });

  test('promtool check rules accepts the rules file', () => {
    const rules = ruleGroups.flatMap((g) => g.rules).length;
    expect(promtool('check', 'rules', path.join(dir, 'shop-alerts.rules.yml'))).toContain(
      `SUCCESS: ${rules} rules found`,
    );
  });

  test('promtool test rules: every alert fires on its signal and stays quiet when healthy', () => {
    expect(promtool('test', 'rules', path.join(dir, 'shop-alerts.test.yml'))).toContain('SUCCESS');
  });

  test('every alert has a unit test', () => {
    const tested = readTestedAlerts(path.join(__dirname, 'shop-alerts.test.yml'));
    for (const rule of ruleGroups.flatMap((g) => g.rules)) expect(tested).toContain(rule.alert);
  });
});

function readTestedAlerts(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/alertname: (\w+)/g)].map((m) => m[1]!);
}
