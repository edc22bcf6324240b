// Postal savings at the window, in Chromium against the browser host, with a real PostgreSQL head
// office behind a loopback proxy that can cut the link, and the passbook simulator speaking ESC/P
// on loopback TCP as the branch's passbook printer. A clerk registers a customer, opens an account
// with a deposit, prints the passbook (the window asks for the book, the customer inserts it),
// withdraws with head office's authorisation, has a supervisor approve a large withdrawal at the
// window, and sees the offline refusal with its reason — in French, then once in Arabic.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { uuid7 } from '@shared/uuid7';
import { PassbookSimulator } from '../../electron/services/devices/simulators/passbook-simulator';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { eventually } from '../support/replication-checks';
import { allocateNumbers, publishProduct } from '../support/savings-world';
import { FaultyProxy } from '../support/tcp-proxy';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';
import { digitsOf, ledgerProbe, type LedgerProbe } from './support/ledger-probe';
import { findLeaks } from './support/raw-words';
import { approveAtWindow } from './support/till-steps';

const data = makeTempDir('counter-e2e-savings-');
let ho: TestHeadOffice;
let proxy: FaultyProxy;
let running: RunningBrowserHost;
let browser: Browser;
let sim: PassbookSimulator;
let hassan: LedgerProbe;
const djf = (minor: number) => ({ minor, currency: 'DJF' });

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const { role } = await ho.addBranch('DJ-DEMO');
  await publishProduct(ho.staff);
  await allocateNumbers(ho.staff, 'DJ-DEMO', 10);
  await ho.staff.query(`SELECT ho.publish_item('kyc-tier', 'basic', NULL, '{"rank":1,"name":{"fr":"Base","en":"Basic","ar":"أساسي"},"currency":"DJF","limits":{}}'::jsonb, 'hq')`);
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  running = await startBrowserHost({
    dataDir: data.dir,
    headOffice: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
    counterpartyTiming: { tickMs: 200, retry: { baseMs: 100, maxMs: 1_000 } },
  });
  browser = await launchChromium();

  // The branch's passbook printer is the simulator, configured by the technician like a real one.
  sim = new PassbookSimulator('epson-escp');
  await sim.listen();
  const ismail = await ledgerProbe(running, 'ismail', '9012');
  await ismail.call('devices.save', {
    id: 'passbook',
    kind: 'passbook-printer',
    name: 'Livrets',
    transport: { type: 'tcp', host: '127.0.0.1', port: sim.port },
    model: 'epson-escp',
    layout: { pages: 2, linesPerPage: 8, topMarginLines: 2, foldAfterLine: 0, foldSkipLines: 0 },
    insertTimeoutMs: 120_000,
  });
  await eventually('the passbook printer is online', () => running.host.current.devices?.statusOf('passbook')?.power === 'online', 60_000);

  // A float in Amina's till; head office's KYC tier pulled, so the form offers it.
  hassan = await ledgerProbe(running, 'hassan', '5678');
  const amina = await ledgerProbe(running, 'amina', '1234');
  await hassan.call('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-STORAGE' });
  await hassan.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(100_000) });
  const mine = await amina.call('till.mine', {});
  await amina.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
  await eventually('head office’s KYC tier reached the branch', async () => {
    await hassan.call('replication.syncNow', {});
    return (await amina.call('customers.tiers', {})).some((tier) => tier.code === 'basic');
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await sim?.stop();
  await proxy?.stop();
  await ho?.close();
  data.remove();
}, 120_000);

/** Everything booked here acknowledged by head office (a deposit credited there). */
async function synced(): Promise<void> {
  await eventually('head office acknowledged the branch', async () => {
    await hassan.call('replication.syncNow', {});
    const status = running.host.current.status().headOffice;
    return status.state === 'online' && status.unsynced === 0;
  });
}

const textOf = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ');

test('register, open with a deposit, print the passbook, withdraw with head office’s authorisation and a supervisor’s, refused offline in words', async () => {
  const { page, errors } = await openCounter(browser, running.web.url);
  await signIn(page, 'amina', '1234');
  await page.getByTestId('tile-savings').click();
  await page.getByTestId('customer-picker').waitFor();

  // A new customer, registered from the savings screen with head office's KYC tier.
  await page.getByTestId('customer-new').click();
  await page.getByTestId('customer-family-name').fill('Houssein');
  await page.getByTestId('customer-given-names').fill('Fatouma Ali');
  await page.getByTestId('customer-birth-date').fill('1988-04-12');
  await page.getByTestId('customer-document-number').fill('DJ200001');
  await page.getByTestId('customer-kyc-tier').click();
  await page.getByRole('option', { name: 'Base' }).click();
  await page.getByTestId('customer-register').click();
  await page.getByTestId('savings-accounts-none').waitFor();
  expect(await textOf(page, 'savings-accounts-none')).toBe('Aucun compte d’épargne connu à l’agence pour ce client.');

  // Opening: product, opening deposit, cash handed over, the change said before and after.
  await page.getByTestId('savings-open-account').click();
  await page.getByTestId('savings-open-amount').fill('60000');
  await page.getByTestId('savings-open-tendered').fill('65000');
  expect(digitsOf(await textOf(page, 'savings-open-change'))).toBe('5000');
  await page.getByTestId('savings-open-tendered').press('Enter');
  const opened = page.getByTestId('savings-open-result');
  await opened.waitFor({ timeout: 60_000 });
  const accountNumber = (await opened.getAttribute('data-account'))!;
  expect(await opened.innerText()).toContain(`Compte n° ${accountNumber} ouvert au siège.`);
  expect(await opened.innerText()).toContain('Crédité au compte.');
  expect(digitsOf(await textOf(page, 'savings-open-change'))).toBe('5000');
  await screenshot(page, 'savings-01-opened');
  await page.getByTestId('savings-open-next').click();
  await page.getByTestId('savings-account').waitFor();

  // The passbook: the deposit once head office credited it; the window asks for the book.
  await synced();
  await page.keyboard.press('F6');
  await page.getByTestId('savings-passbook-print').click();
  const prompt = page.locator('[data-testid="savings-passbook-prompt"][data-state="insert"]');
  await prompt.waitFor({ timeout: 60_000 });
  expect(await prompt.innerText()).toContain('Insérez le livret ouvert à la page 1.');
  await screenshot(page, 'savings-02-insert-passbook');
  sim.insert(1);
  const printed = page.locator('[data-testid="savings-passbook-result"][data-outcome="complete"]');
  await printed.waitFor({ timeout: 60_000 });
  expect(await printed.innerText()).toContain('Livret à jour.');
  expect(await printed.innerText()).toContain('1 ligne imprimée.');
  expect(await textOf(page, 'savings-passbook-issued')).toMatch(/^Nouveau livret n° DJ-DEMO-L\d{6} : inscrivez ce numéro sur la couverture\.$/);
  expect(await page.locator('[data-testid="savings-passbook-lines"] [data-testid="savings-line"]').innerText()).toContain('Versement');
  // On paper: the deposit at the book's first line, in the passbook's Latin letters.
  expect(sim.printed.map((line) => [line.page, line.text.slice(9, 31).trim()])).toEqual([[1, 'Versement']]);
  // The account as head office holds it now, read again after the print.
  await page.getByTestId('savings-account-passbook').filter({ hasText: 'prochaine ligne' }).waitFor();
  await page.locator('[data-testid="savings-account-live"][data-live="true"]').waitFor();
  await page.locator('[data-testid="savings-account-balance"][data-minor="60000"]').waitFor();
  expect(await textOf(page, 'savings-account-passbook')).toMatch(/^n° DJ-DEMO-L\d{6} · prochaine ligne : page 1, ligne 2$/);
  await screenshot(page, 'savings-03-passbook');

  // A withdrawal under the threshold: head office holds it, the drawer opens, the clerk pays.
  await page.keyboard.press('F4');
  await page.getByTestId('savings-withdraw-amount').fill('5000');
  await page.getByTestId('savings-withdraw-document-number').fill('DJ200001');
  await page.getByTestId('savings-withdraw-document-number').press('Enter');
  const paid = page.locator('[data-testid="savings-withdraw-result"][data-outcome="paid"]');
  await paid.waitFor({ timeout: 60_000 });
  expect((await paid.innerText()).replace(/\s+/g, ' ')).toMatch(/^Retrait autorisé par le siège : remettez 5\s?000 Fdj au client\.$/);
  await page.getByTestId('savings-withdraw-next').click();

  // Above the paid-out threshold: the supervisor keys in his PIN at the clerk's window.
  await page.keyboard.press('F4');
  await page.getByTestId('savings-withdraw-amount').fill('25000');
  await page.getByTestId('savings-withdraw-document-number').fill('DJ200001');
  await page.getByTestId('savings-withdraw-submit').click();
  await page.getByTestId('approval-dialog').waitFor();
  expect(await page.getByTestId('approval-dialog').innerText()).toContain('payer un retrait d’épargne au-delà du seuil');
  await screenshot(page, 'savings-04-approval');
  await approveAtWindow(page, 'hassan', '5678');
  const approved = page.locator('[data-testid="savings-withdraw-result"][data-outcome="paid"]');
  await approved.waitFor({ timeout: 60_000 });
  expect(digitsOf(await approved.innerText())).toBe('25000');
  await page.getByTestId('savings-withdraw-next').click();
  const journal = await hassan.call('audit.list', { action: 'approval', limit: 20 });
  expect(journal.some((entry) => entry.subject === accountNumber || JSON.stringify(entry.details).includes('savings.withdraw'))).toBe(true);

  // Head office unreachable: a withdrawal is refused with its reason; a deposit is still taken.
  proxy.setDown(true);
  await eventually('the branch sees the link down', async () => {
    await hassan.call('replication.syncNow', {}).catch(() => undefined);
    return running.host.current.status().headOffice.state !== 'online';
  });
  await page.keyboard.press('F4');
  await page.getByTestId('savings-withdraw-amount').fill('1000');
  await page.getByTestId('savings-withdraw-document-number').fill('DJ200001');
  await page.getByTestId('savings-withdraw-submit').click();
  const refusal = page.getByTestId('savings-withdraw-error');
  await refusal.waitFor();
  expect(await refusal.innerText()).toBe(
    'Un retrait se fait uniquement avec le siège, et la liaison est coupée : rien n’est payé. Le client peut revenir plus tard ; un versement reste possible.',
  );
  await screenshot(page, 'savings-05-offline-refused');
  await page.keyboard.press('F3');
  await page.getByTestId('savings-deposit-amount').fill('2000');
  await page.getByTestId('savings-deposit-amount').press('Enter');
  const later = page.locator('[data-testid="savings-deposit-result"][data-credited="when-link-returns"]');
  await later.waitFor({ timeout: 60_000 });
  expect(await textOf(page, 'savings-deposit-credited')).toBe(
    'Liaison au siège coupée : le versement sera crédité quand la liaison reviendra. Le reçu le dit au client.',
  );

  // The same refusal read in Arabic, with no raw code on the screen.
  await page.getByTestId('language-ar').click();
  await page.waitForFunction(() => document.documentElement.lang === 'ar');
  await page.keyboard.press('F4');
  await page.getByTestId('savings-withdraw-amount').fill('1000');
  await page.getByTestId('savings-withdraw-document-number').fill('DJ200001');
  await page.getByTestId('savings-withdraw-submit').click();
  await page.getByTestId('savings-withdraw-error').waitFor();
  expect(await page.getByTestId('savings-withdraw-error').innerText()).toContain('لا يتم السحب إلا مع المقر، والاتصال منقطع');
  expect(findLeaks(await page.evaluate(() => document.body.innerText))).toEqual([]);
  await screenshot(page, 'savings-06-offline-refused-ar');

  // What the screens said is what the ledger holds: 60 000 in, 30 000 paid out, 2 000 in offline.
  const operations = await hassan.call('till.operations', { sessionId: (await ledgerProbe(running, 'amina', '1234').then((a) => a.call('till.mine', {})))!.sessionId, limit: 50 });
  const kinds = operations.map((operation) => operation.kind).filter((kind) => kind.startsWith('savings'));
  expect(kinds.sort()).toEqual(['savings-deposit', 'savings-deposit', 'savings-withdrawal', 'savings-withdrawal']);
  proxy.setDown(false);
  expect(errors).toEqual([]);
}, 600_000);
