import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots and the axe report of the last browser run (git-ignored). */
export const ARTIFACTS_DIR = path.join(__dirname, '..', 'artifacts', 'storefront');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

/** Debian's Chromium (scripts/ensure-chromium.sh), headless. */
export function launchChromium(): Promise<Browser> {
  const executablePath = execFileSync(path.join(__dirname, '../../scripts/ensure-chromium.sh'))
    .toString()
    .trim();
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A page whose Content-Security-Policy violations are collected (there must be none). */
export async function newShopPage(browser: Browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { page, cspViolations };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** Every page's axe outcome, written to ARTIFACTS_DIR/axe.json by `writeAxeReport`. */
const axeReport: Record<string, { violations: number; serious: string[] }> = {};

/**
 * Runs axe-core in the page (evaluated through the DevTools protocol, so the page's CSP stays
 * on) and saves a screenshot; returns the serious and critical violations, as text.
 */
export async function checkPage(page: Page, name: string): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as any).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  const width = page.viewportSize()?.width ?? 0;
  axeReport[`${name} @${width}px`] = { violations: violations.length, serious };
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}-${width}.png`), fullPage: true });
  return serious;
}

export function writeAxeReport(): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  writeFileSync(path.join(ARTIFACTS_DIR, 'axe.json'), JSON.stringify(axeReport, null, 2));
}
