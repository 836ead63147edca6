import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/env';

export const SCREENSHOTS = path.join(REPO_ROOT, 'artifacts', 'screenshots');

// Debian's chromium (apt-get install chromium; .ci/run installs it when
// missing). Flags for a root user in a container without a GPU or network.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true });
}

export const PHONE = { width: 390, height: 844 };
export const SCREEN = { width: 1920, height: 1080 };

/**
 * A browser context whose pages record every console error and uncaught
 * exception; `assertClean()` fails the test on any of them.
 */
export class WatchedContext {
  readonly problems: string[] = [];
  private constructor(readonly context: BrowserContext) {}

  static async open(
    browser: Browser,
    baseURL: string,
    viewport: { width: number; height: number },
    options: { isMobile?: boolean } = {},
  ): Promise<WatchedContext> {
    const context = await browser.newContext({
      baseURL,
      viewport,
      deviceScaleFactor: 1,
      isMobile: options.isMobile ?? false,
      hasTouch: options.isMobile ?? false,
      locale: 'zh-CN',
    });
    const watched = new WatchedContext(context);
    context.on('page', (page) => watched.watch(page));
    return watched;
  }

  async newPage(): Promise<Page> {
    return this.context.newPage();
  }

  private watch(page: Page): void {
    page.on('console', (msg) => {
      // The resource's address too: a refusal a test causes on purpose is told
      // apart from any other by the route it came from.
      const from = msg.location().url;
      if (msg.type() === 'error')
        this.problems.push(
          `console error on ${page.url()}: ${msg.text()}${from && from !== page.url() ? ` (${from})` : ''}`,
        );
    });
    page.on('pageerror', (err) =>
      this.problems.push(`page error on ${page.url()}: ${err.message}`),
    );
  }

  /**
   * Ignores errors a test caused on purpose (e.g. a dropped connection, a
   * refusal it provoked), and forgets them, so a later check sees only new ones.
   */
  assertClean(expected: RegExp[] = []): void {
    const unexpected = this.problems.filter((p) => !expected.some((re) => re.test(p)));
    if (unexpected.length) throw new Error(`browser reported:\n${unexpected.join('\n')}`);
    this.problems.length = 0;
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.waitForTimeout(300); // let fade-in animations finish, as a reader would see the page
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function originOf(apiUrl: string): string {
  return new URL(apiUrl).origin;
}
