/** For the end-to-end tests: a tab that collects what goes wrong in it. */
import type { Browser, Page } from 'playwright-core';

/**
 * A new tab (at the reader's usual size and in US English unless told) whose page
 * errors, console errors and CSP violations are collected in `problems`, for a test
 * to find empty at its end.
 */
export async function watchedPage(
  browser: Browser,
  {
    width = 1280,
    height = 860,
    locale = 'en-US',
  }: { width?: number; height?: number; locale?: string } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width, height }, locale });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return { page, problems };
}
