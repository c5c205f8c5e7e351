/// <reference lib="dom" />
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

/** Debian's Chromium: a test tool's own browser download does not work where the hub is built. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const ARTIFACTS = path.join(__dirname, '..', 'artifacts');
const DASHBOARD_BUILD = path.join(__dirname, '..', '..', 'dashboard', 'dist', 'index.html');

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * describe() when Chromium is there; otherwise a skip that says why, so a fresh machine's `npm test`
 * still passes. With KYODO_REQUIRE_BROWSER=1 (CI) a missing browser fails instead.
 */
export function describeInBrowser(name: string, tests: () => void): void {
  if (existsSync(CHROMIUM) || process.env.KYODO_REQUIRE_BROWSER === '1') {
    describe(name, tests);
    return;
  }
  console.warn(`Skipping the browser tests "${name}": ${CHROMIUM} is missing (apt-get install chromium; KYODO_REQUIRE_BROWSER=1 makes this a failure).`);
  describe.skip(name, tests);
}

export interface Browser {
  context: BrowserContext;
  /** A new tab that fails the test on any script error and remembers every URL it requested. */
  newPage(viewport?: { width: number; height: number }): Promise<TrackedPage>;
  close(): Promise<void>;
}

export interface TrackedPage {
  page: Page;
  requests: string[];
  errors: string[];
}

/**
 * Chromium on a fresh profile of its own, deleted on close. `bypassCSP` lets a test inject a script
 * of its own (axe-core) into pages whose Content-Security-Policy would refuse it.
 */
export async function launchBrowser({ bypassCSP = false } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`KYODO_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: apt-get install chromium`);
  if (!existsSync(DASHBOARD_BUILD)) throw new Error('the dashboard is not built: run `npm run build` (npm test does)');
  const profile = mkdtempSync(path.join(tmpdir(), 'kyodo-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: DESKTOP,
    bypassCSP,
  });
  return {
    context,
    async newPage(viewport = DESKTOP) {
      const page = await context.newPage();
      await page.setViewportSize(viewport);
      const tracked: TrackedPage = { page, requests: [], errors: [] };
      page.on('request', (request) => tracked.requests.push(request.url()));
      page.on('pageerror', (error) => tracked.errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') tracked.errors.push(message.text());
      });
      return tracked;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Saves what a person would see under tests/artifacts/ (git-ignored), for a human to look at: a
 * whole page, the viewport only, or one part of the page.
 */
export async function screenshot(target: Page | Locator, name: string, { fullPage = true } = {}): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await ('goto' in target ? target.screenshot({ path: file, fullPage }) : target.screenshot({ path: file }));
}

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * The serious and critical problems axe-core finds on the page as it is now (open dialogs
 * included), each with up to three of its elements. The page must come from a browser launched with
 * `bypassCSP`, since the dashboard's CSP admits only the hub's own scripts.
 */
export async function seriousAxeViolations(page: Page): Promise<{ rule: string; impact: string | null; nodes: string[] }[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run(document);
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        rule: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.slice(0, 3).map((node) => `${node.target.join(' ')}: ${node.html.slice(0, 160)} ${node.failureSummary ?? ''}`),
      }));
  });
}
