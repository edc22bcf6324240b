// An announced e-commerce parcel handed over with cash on delivery, in Chromium against the
// browser host; the delivery receipt goes to a loopback printer and is decoded.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { uuid7 } from '@shared/uuid7';
import { PrinterServer } from '../../electron/services/devices/simulators/printer-server';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';
import { digitsOf, ledgerProbe, type LedgerProbe } from './support/ledger-probe';

let running: RunningBrowserHost;
let browser: Browser;
let hassan: LedgerProbe;
const printer = new PrinterServer();
const data = makeTempDir('counter-e2e-pickup-');
const djf = (minor: number) => ({ minor, currency: 'DJF' });

beforeAll(async () => {
  await printer.start();
  running = await startBrowserHost({ dataDir: data.dir });
  browser = await launchChromium();
  const ismail = await ledgerProbe(running, 'ismail', '9012');
  await ismail.call('devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } });
  hassan = await ledgerProbe(running);
  await hassan.call('safe.receiveCash', { operationId: uuid7(), amount: djf(500_000), reference: 'HO-E2E' });
  await hassan.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(20_000) });
  const amina = await ledgerProbe(running, 'amina', '1234');
  const mine = await amina.call('till.mine', {});
  await amina.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
});

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  await printer.stop();
  data.remove();
});

test('a clerk hands over an announced parcel: pickup code, identity, cash on delivery, delivery receipt', async () => {
  const { page } = await openCounter(browser, running.web.url);
  await signIn(page, 'amina', '1234');
  await page.getByTestId('tile-parcels').click();
  await page.getByTestId('tab-pickup').click();
  await page.locator('[data-testid="pickup-waiting"] [data-barcode="ESQ000100001"]').waitFor();
  await page.locator('[data-testid="pickup-returns"] [data-barcode="SHP000300003"]').waitFor();

  await page.getByTestId('pickup-code').fill('ESQ000100001');
  await page.getByTestId('pickup-find').click();
  await page.getByTestId('pickup-parcel').waitFor();
  expect(digitsOf((await page.getByTestId('pickup-due').textContent())!)).toBe('12500');
  // A wrong pickup code is refused and nothing is handed over.
  await page.getByTestId('pickup-pickup-code').fill('111111');
  // Identity documents are named in the clerk's language, not by their code.
  await page.getByTestId('pickup-id-type').click();
  await page.getByRole('option', { name: 'Passeport', exact: true }).click();
  expect(await page.getByTestId('pickup-id-type').inputValue()).toBe('Passeport');
  await page.getByTestId('pickup-id-number').fill('DJ-123456');
  await page.getByTestId('pickup-tendered').fill('15000');
  await page.getByTestId('pickup-hand-over').click();
  await page.getByTestId('pickup-error').waitFor();
  await page.getByTestId('pickup-pickup-code').fill('482913');
  await page.getByTestId('pickup-hand-over').click();
  await page.getByTestId('pickup-done').waitFor();
  expect(digitsOf((await page.getByTestId('pickup-change').textContent())!)).toBe('2500');
  await screenshot(page, 'pickup-handed-over');

  const delivered = await hassan.call('pickup.list', { status: 'delivered' });
  expect(delivered.map((p) => p.barcode)).toEqual(['ESQ000100001']);
  const accounts = await hassan.call('ledger.accounts', {});
  expect(JSON.stringify(accounts)).toContain('cod-payable:E-Suuq:DJF');
  for (const deadline = Date.now() + 30_000; !printer.jobs.some((job) => job.transcript.join('\n').includes('ESQ000100001')) && Date.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const receipt = printer.jobs.map((job) => job.transcript.join('\n')).join('\n');
  expect(receipt).toContain('ESQ000100001');
  expect(receipt).toMatch(/Contre-remboursement\s+12 500 DJF/);
});
