import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from '../../support/browser-host';

export const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** A fresh window (own storage) on the browser host, with page errors collected for the test to assert on. */
export async function openCounter(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { context, page, errors };
}

/** Keyboard only, as a clerk does: type, Tab, type, Enter. */
export async function signIn(page: Page, username: string, secret: string): Promise<void> {
  const field = page.getByTestId('sign-in-username');
  await field.waitFor();
  await field.fill(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(secret);
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const file = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** One refused sign-in; `refusals` counts them on this page, so a repeated message is still seen as a new answer. */
export async function refusedSignIn(page: Page, username: string, secret: string, refusals: number): Promise<string> {
  await signIn(page, username, secret);
  const error = page.locator(`[data-testid="sign-in-error"][data-refusals="${refusals}"]`);
  await error.waitFor();
  return (await error.textContent()) ?? '';
}
