import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';

const IDLE_LOCK_SECONDS = 2;
let running: RunningBrowserHost;
let browser: Browser;
const data = makeTempDir('counter-e2e-idle-');

beforeAll(async () => {
  running = await startBrowserHost({ dataDir: data.dir, idleLockSeconds: IDLE_LOCK_SECONDS });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  data.remove();
});

test('an idle window locks by itself and opens again with the PIN only', async () => {
  const { context, page, errors } = await openCounter(browser, running.web.url);
  await signIn(page, 'amina', '1234');
  await page.getByTestId('home').waitFor();

  const idleStart = Date.now();
  await page.getByTestId('lock-screen').waitFor({ timeout: 10_000 });
  expect(Date.now() - idleStart).toBeGreaterThanOrEqual((IDLE_LOCK_SECONDS - 1) * 1000);
  await expect(page.getByTestId('home').count()).resolves.toBe(0);
  expect(await page.getByTestId('lock-secret').evaluate((el) => el === document.activeElement)).toBe(true);
  await screenshot(page, 'idle-lock-screen');

  // A wrong PIN keeps it locked.
  await page.keyboard.type('9999');
  await page.keyboard.press('Enter');
  await page.getByTestId('lock-error').waitFor();
  await expect(page.getByTestId('lock-error').textContent()).resolves.toBe('Identifiant ou code incorrect.');

  await page.keyboard.type('1234');
  await page.keyboard.press('Enter');
  await page.getByTestId('home').waitFor();
  await expect(page.getByText('Bonjour Amina Guichetière').isVisible()).resolves.toBe(true);

  // Ctrl+L locks at once, by hand.
  await page.keyboard.press('Control+L');
  await page.getByTestId('lock-screen').waitFor({ timeout: 1_500 });
  expect(errors).toEqual([]);
  await context.close();
});
