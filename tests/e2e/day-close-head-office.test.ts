import { afterAll, beforeAll, expect, test } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { eventually } from '../support/replication-checks';
import { makeTempDir } from '../support/temp-dir';
import type { Browser } from 'playwright-core';
import { openCounter, screenshot, signIn } from './support/counter-page';
import { digitsOf, ledgerProbe } from './support/ledger-probe';
import { typeCount } from './support/till-steps';

/**
 * The supervisor's side of a disputed day close, against a real head office:
 * head office's copy is altered (as its superuser), the close the supervisor
 * keys in comes back disputed with the accounts, in French and Arabic; once
 * head office is repaired, "compare now" confirms it.
 */
const data = makeTempDir('counter-e2e-day-ho-');
let browser: Browser;
let ho: TestHeadOffice;
let running: RunningBrowserHost;

/** Head office's copy of one transfer altered behind its own triggers. */
const tamper = (seq: number, delta: number) =>
  ho.staff.query(
    `BEGIN; SET LOCAL session_replication_role = replica;
     UPDATE ho.transfers SET amount = amount + (${delta}) WHERE branch_code = 'DJ-DEMO' AND seq = ${seq}; COMMIT`,
  );

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const { role } = await ho.addBranch('DJ-DEMO');
  const server = await postgresServer();
  running = await startBrowserHost({
    dataDir: data.dir,
    headOffice: { mode: 'configured', host: server.host, port: server.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
  });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await ho?.close();
  data.remove();
});

test('a day close head office disputes shows the differing accounts on both sides; compare now confirms it once head office is repaired', async () => {
  const probe = await ledgerProbe(running);
  await probe.call('safe.receiveCash', { operationId: uuid7(), amount: { minor: 100_000, currency: 'DJF' }, reference: 'HO-0001' });
  await eventually('the receipt reached head office', () => running.host.current.status().headOffice.unsynced === 0 && running.host.current.status().headOffice.state === 'online', 60_000);
  const seq = (await probe.call('replication.status', {})).ackedSeq;
  await tamper(seq, 7);

  const { context, page, errors } = await openCounter(browser, running.web.url);
  await signIn(page, 'hassan', '5678');
  await page.getByTestId('home').waitFor();
  await page.keyboard.press('Alt+Digit4');
  await page.getByTestId('tab-day').click();
  await page.getByTestId('safe-count').waitFor();
  await typeCount(page, 'safe-count', { 10000: 10 });
  await page.getByTestId('safe-count-submit').click();
  await page.getByTestId('day-confirm-close').click();
  await page.getByTestId('day-summary').waitFor();

  // The panel reads head office's verdict again by itself while the close waits.
  const disputed = page.locator('[data-testid^="day-state-"][data-state="mismatch"]');
  await disputed.waitFor({ timeout: 60_000 });
  expect(await disputed.first().textContent()).toBe('écart avec le siège');
  const rows = page.locator('[data-testid="day-differences"] tbody tr');
  expect(await rows.count()).toBe(2);
  // Branch debits beside head office's: 100 000 here, 100 007 there; credits equal.
  const cells = await page.locator('[data-testid="day-difference-safe:DJF"] td').allTextContents();
  expect(cells.map(digitsOf)).toEqual(['', '100000', '100007', '0', '0']);
  await screenshot(page, 'day-close-01-mismatch-fr');
  await page.getByTestId('language-ar').click();
  await page.getByText('فرق مع المقر').first().waitFor();
  await screenshot(page, 'day-close-02-mismatch-ar');
  await page.getByTestId('language-fr').click();

  // Head office's own record says the same.
  const recorded = await ho.staff.query<{ outcome: string }>("SELECT outcome FROM ho.day_close_comparisons WHERE branch_code = 'DJ-DEMO' ORDER BY id");
  expect(recorded.rows.map((r) => r.outcome)).toEqual(['mismatch']);

  await tamper(seq, -7);
  await page.getByTestId('day-compare-now').click();
  await page.getByTestId('day-unconfirmed').waitFor({ state: 'detached' });
  await page.locator('[data-testid^="day-state-"][data-state="confirmed"]').waitFor();
  await screenshot(page, 'day-close-03-confirmed');
  expect((await ho.staff.query<{ outcome: string }>("SELECT outcome FROM ho.day_close_comparisons WHERE branch_code = 'DJ-DEMO' ORDER BY id")).rows.map((r) => r.outcome)).toEqual([
    'mismatch',
    'match',
  ]);
  expect(errors).toEqual([]);
  await context.close();
});
