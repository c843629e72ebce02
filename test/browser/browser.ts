import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestContext } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { AxeResults, RunOptions } from 'axe-core';

/** Debian's Chromium; the browser tests need it and skip when it is absent. */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests are skipped, or false when they can run. */
export function chromiumMissing(): string | false {
  return existsSync(CHROMIUM) ? false : `${CHROMIUM} not found: install Debian's chromium package to run the browser tests`;
}

/**
 * Skips the test when Chromium is missing (with the reason as the skip message) and says so;
 * a test starts with `if (skipIfNoBrowser(t)) return;`.
 */
export function skipIfNoBrowser(t: TestContext): boolean {
  const missing = chromiumMissing();
  if (!missing) return false;
  t.skip(missing);
  return true;
}

/**
 * Launches headless Chromium with the flags of the house style (no sandbox for containers, no
 * background traffic). The caller closes it.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** One failed axe rule, reduced to what a reader needs to find and fix it. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  helpUrl: string;
  nodes: { target: string; html: string; summary: string }[];
}

/** The WCAG 2.1 A and AA rules; best-practice rules are not part of the bar. */
const RUN_OPTIONS: RunOptions = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] };

let axeSource: string | null = null;
function loadAxe(): string {
  if (axeSource === null) {
    const entry = createRequire(import.meta.url).resolve('axe-core');
    axeSource = readFileSync(join(dirname(entry), 'axe.min.js'), 'utf8');
  }
  return axeSource;
}

/**
 * Runs axe-core's WCAG 2.1 A/AA rules on the page as it is now and returns the violations
 * (an empty array when there are none).
 *
 * axe is injected with `page.evaluate` rather than `page.addScriptTag`: the app's CSP
 * (`script-src 'self'`) refuses an injected inline <script>, while DevTools evaluation is not
 * subject to the page's CSP. So the page keeps its real CSP and is checked as visitors get it,
 * with no need for `bypassCSP`.
 */
export async function axeCheck(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (loaded !== true) await page.evaluate(loadAxe());
  // Passed as a string so the browser runs exactly this code (tsx's transform can add helpers to
  // a function's source that do not exist in the page). The options are JSON, so safe to inline.
  const results = (await page.evaluate(`window.axe.run(document, ${JSON.stringify(RUN_OPTIONS)})`)) as AxeResults; // axe.run resolves to AxeResults
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html, summary: n.failureSummary ?? '' })),
  }));
}

/** A readable report of violations for an assertion message. */
export function formatViolations(where: string, violations: AxeViolation[]): string {
  const lines = [`${violations.length} axe violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) {
      lines.push(`    at ${n.target}`);
      lines.push(`       ${n.html.length > 200 ? n.html.slice(0, 200) + '…' : n.html}`);
      if (n.summary) lines.push(...n.summary.split('\n').map((s) => `       ${s}`));
    }
  }
  return lines.join('\n');
}

/** Asserts that axe finds no WCAG 2.1 A/AA violation on the page as it is now. */
export async function assertAccessible(page: Page, where: string): Promise<void> {
  const v = await axeCheck(page);
  assert.equal(v.length, 0, formatViolations(`${where} (${page.url()})`, v));
}

/** Browser contexts, each with one page, opened by `openPages`. */
export interface OpenedPages {
  contexts: BrowserContext[];
  pages: Page[];
}

/**
 * Opens `n` separate contexts (separate cookies, so separate sign-ins) with one page each, in the
 * given locale; every uncaught page error is pushed onto `problems` as `url: message`.
 */
export async function openPages(browser: Browser, n: number, locale: string, problems: string[]): Promise<OpenedPages> {
  const opened: OpenedPages = { contexts: [], pages: [] };
  for (let i = 0; i < n; i++) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    opened.contexts.push(context);
    opened.pages.push(page);
  }
  return opened;
}

/** Closes the contexts opened by `openPages` and then the browser (either may be absent). */
export async function closePages(opened: OpenedPages | undefined, browser: Browser | undefined): Promise<void> {
  for (const context of opened?.contexts ?? []) await context.close();
  await browser?.close();
}

/**
 * A full-page screenshot for a human look, written only when GONGKAI_SHOTS_DIR names a folder.
 * Screenshots assert nothing, so a test never fails for want of one (Chromium sometimes refuses
 * to capture on a loaded machine).
 */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.GONGKAI_SHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
