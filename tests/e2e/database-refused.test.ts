import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { overwritePagesTwoAndThree, quickCheck } from './support/corrupt-database';
import { openCounter, screenshot } from './support/counter-page';

let running: RunningBrowserHost;
let browser: Browser;
const healthy = makeTempDir('counter-e2e-healthy-');
const damaged = makeTempDir('counter-e2e-damaged-');
const damagedFile = join(damaged.dir, 'demo.sqlite');

beforeAll(async () => {
  // A real branch database, made by the counter itself, then closed cleanly (WAL folded back in).
  const first = await startBrowserHost({ dataDir: healthy.dir });
  await first.stop();
  const healthyFile = join(healthy.dir, 'demo.sqlite');
  expect(existsSync(`${healthyFile}-wal`) && statSync(`${healthyFile}-wal`).size > 0).toBe(false);
  expect(quickCheck(healthyFile)).toBe('ok');

  copyFileSync(healthyFile, damagedFile);
  overwritePagesTwoAndThree(damagedFile);
  // A corruption SQLite cannot see would prove nothing: make sure it sees this one.
  expect(quickCheck(damagedFile)).not.toBe('ok');

  running = await startBrowserHost({ dataDir: damaged.dir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  healthy.remove();
  damaged.remove();
});

test('a corrupt branch database gives the refusal screen, never a sign-in form', async () => {
  const { context, page, errors } = await openCounter(browser, running.web.url);
  await page.getByTestId('database-refused').waitFor();
  await expect(page.getByRole('heading', { name: 'Base de données refusée' }).isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('refused-reason').textContent()).resolves.toBe('fichier endommagé');
  await expect(page.getByTestId('refused-file').textContent()).resolves.toBe(damagedFile);
  await expect(page.getByText('restaure la dernière sauvegarde').isVisible()).resolves.toBe(true);
  await expect(page.getByTestId('sign-in-form').count()).resolves.toBe(0);
  await expect(page.getByTestId('sign-in-username').count()).resolves.toBe(0);
  await screenshot(page, 'database-refused');

  // Still the refusal after a few status polls: the screen does not fall back to a sign-in.
  await page.waitForTimeout(3_500);
  await expect(page.getByTestId('sign-in-form').count()).resolves.toBe(0);
  await expect(page.getByTestId('database-refused').isVisible()).resolves.toBe(true);
  expect(errors).toEqual([]);
  await context.close();
});
