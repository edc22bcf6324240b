import { truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { readBackupSettings } from '../../electron/services/backup/backup-settings';
import { takeBackup } from '../../electron/services/backup/take-backup';
import { openDatabase } from '../../electron/services/db/open-database';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';

let running: RunningBrowserHost;
let browser: Browser;
const temp = makeTempDir('counter-e2e-restore-');
const file = join(temp.dir, 'demo.sqlite');

beforeAll(async () => {
  // The demo branch made by the counter, one backup of it, then the file emptied.
  const first = await startBrowserHost({ dataDir: temp.dir });
  await first.stop();
  const opened = openDatabase(file);
  if (!opened.ok) throw new Error(opened.refusal.detail);
  const outcomes = await takeBackup(opened.opened.sqlite, 'DJ-DEMO', readBackupSettings(temp.dir), new Date());
  opened.opened.sqlite.close();
  expect(outcomes.map((o) => o.problem)).toEqual([null]);
  truncateSync(file, 0);

  running = await startBrowserHost({ dataDir: temp.dir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  temp.remove();
});

test('an emptied database gives the refusal screen with a restore; a wrong PIN is refused, the technician restores and the sign-in comes back', async () => {
  const { context, page, errors } = await openCounter(browser, running.web.url);
  await page.getByTestId('database-refused').waitFor();
  await expect(page.getByTestId('refused-reason').textContent()).resolves.toContain('absente ou vide');
  await page.getByTestId('restore-choice').first().waitFor();
  await expect(page.getByTestId('restore-choice').count()).resolves.toBe(1);
  await expect(page.getByTestId('sign-in-form').count()).resolves.toBe(0);

  await page.getByTestId('restore-username').fill('ismail');
  await page.getByTestId('restore-secret').fill('0000');
  await page.getByTestId('restore-submit').click();
  await expect(page.getByTestId('restore-error').textContent()).resolves.toBe('Identifiant ou code incorrect.');
  await screenshot(page, 'database-restore');

  await page.getByTestId('restore-secret').fill('9012');
  await page.getByTestId('restore-submit').click();
  // The host reopened on the restored file: the status takes the refusal screen away.
  await signIn(page, 'ismail', '9012');
  await page.getByTestId('sign-in-form').waitFor({ state: 'detached' });
  expect(running.host.current.status().state).toBe('ready');
  expect(errors).toEqual([]);
  await context.close();
});
