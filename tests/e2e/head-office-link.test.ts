// The technician's head-office link screen in Chromium against the browser host and a real head
// office (PostgreSQL): a bad host is marked before anything is sent, the test says why a link
// fails and when it works, and saving relinks replication at once.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';

let running: RunningBrowserHost;
let browser: Browser;
let ho: TestHeadOffice;
let role: string;
const data = makeTempDir('counter-e2e-link-');

beforeAll(async () => {
  ho = await startTestHeadOffice();
  role = (await ho.addBranch('DJ-DEMO')).role;
  running = await startBrowserHost({ dataDir: data.dir, replicationStartDelayMs: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await ho?.close();
  data.remove();
});

test('a technician tests the head-office link, saves it, and watches it come online', async () => {
  const server = await postgresServer();
  const { context, page, errors } = await openCounter(browser, running.web.url);
  await signIn(page, 'ismail', '9012');
  await page.getByTestId('tile-head-office-link').click();
  await page.getByTestId('head-office-link').waitFor();
  await page.locator('[data-testid="link-state"]', { hasText: 'aucun siège' }).waitFor();
  // The browser host has no OS keychain: the screen says the password would be kept unencrypted.
  expect(await page.getByTestId('link-protection').textContent()).toContain('EN CLAIR');

  await page.getByTestId('link-mode').getByText('Siège réel (PostgreSQL)').click();
  await page.getByTestId('link-host').fill('siège central');
  await page.getByTestId('link-port').fill(String(server.port));
  await page.getByTestId('link-database').fill(ho.database.name);
  await page.getByTestId('link-user').fill(role);
  await page.getByTestId('link-password').fill('e2e-password');
  await page.getByTestId('link-test').click();
  // Refused by the contract's schema in the page itself: nothing reached the host.
  await page.locator('[data-testid="link-host"][aria-invalid="true"]').waitFor();

  await page.getByTestId('link-host').fill('no-such-host.invalid');
  await page.getByTestId('link-test').click();
  await page.locator('[data-testid="link-test-result"][data-outcome="unresolved"]').waitFor();

  // The shared test server speaks no TLS: the screen warns about the weaker mode chosen.
  await page.getByTestId('link-host').fill(server.host);
  await page.getByTestId('link-sslmode').click();
  await page.getByRole('option', { name: /^disable/ }).click();
  await page.getByTestId('link-weak-tls').waitFor();
  await page.getByTestId('link-test').click();
  await page.locator('[data-testid="link-test-result"][data-outcome="connected"]').waitFor();

  await page.getByTestId('link-save').click();
  await page.getByTestId('link-saved').waitFor();
  await page.locator('[data-testid="link-state"]', { hasText: 'en ligne' }).waitFor({ timeout: 30_000 });
  // The password went to the secret store: the form offers to keep it, never shows it.
  await page.getByTestId('link-password-from').getByText('Garder celui enregistré').waitFor();
  expect(await page.content()).not.toContain('e2e-password');
  await screenshot(page, 'head-office-link');
  expect(errors).toEqual([]);
  await context.close();
});
