// A clerk's work at the window survives the accidents of a first hour, in Chromium against the
// browser host: an Esc that only meant to close a list, a reload in the middle of a sale, a reload
// right after pressing Enter. The ledger probe checks what the screens claim.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { uuid7 } from '@shared/uuid7';
import { openCounter, screenshot, signIn } from './support/counter-page';
import { useE2eBranch } from './support/e2e-branch';
import { ledgerProbe, type LedgerProbe } from './support/ledger-probe';
import { approveAtWindow } from './support/till-steps';

const branch = useE2eBranch('counter-e2e-never-lost-');
let hassan: LedgerProbe;
let sessionId: string;
const djf = (minor: number) => ({ minor, currency: 'DJF' });

beforeAll(async () => {
  hassan = await ledgerProbe(branch.running);
  await hassan.call('safe.receiveCash', { operationId: uuid7(), amount: djf(500_000), reference: 'HO-E2E' });
  sessionId = (await hassan.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(20_000) })).sessionId;
  const amina = await ledgerProbe(branch.running, 'amina', '1234');
  const mine = await amina.call('till.mine', {});
  await amina.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
});

let page: Page;
beforeAll(async () => {
  page = (await openCounter(branch.browser, branch.running.web.url)).page;
  await signIn(page, 'amina', '1234');
  await page.getByTestId('home').waitFor();
});
afterAll(async () => page?.context().close());

const sales = async () => (await hassan.call('till.operations', { sessionId, limit: 100 })).filter((o) => o.kind === 'sale');

test('Esc closes the open list, not the acceptance screen and its basket; leaving asks first', async () => {
  await page.getByTestId('tile-parcels').click();
  await page.getByTestId('mail-ean').fill('2000000000015');
  await page.getByTestId('mail-add-product').click();
  await expect.poll(() => page.getByTestId('mail-basket-product').count()).toBe(1);

  // The service list open, Esc closes the list only.
  await page.getByTestId('mail-service').click();
  await page.getByRole('listbox').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('listbox').waitFor({ state: 'detached' });
  expect(await page.getByTestId('mail-basket-product').count()).toBe(1);
  expect(await page.getByTestId('mail-item-form').isVisible()).toBe(true);

  // A second Esc would leave the screen: it asks, and "stay" keeps everything.
  await page.keyboard.press('Escape');
  await page.getByTestId('leave-stay').click();
  await page.getByRole('dialog').waitFor({ state: 'hidden' });
  expect(await page.getByTestId('mail-basket-product').count()).toBe(1);

  // Leaving on purpose abandons the basket: coming back shows an empty one.
  await page.keyboard.press('Escape');
  await page.getByTestId('leave-confirm').click();
  await page.getByTestId('home').waitFor();
  await page.getByTestId('tile-parcels').click();
  await page.getByTestId('mail-item-form').waitFor();
  expect(await page.getByTestId('mail-basket-product').count()).toBe(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('home').waitFor();
});

test('Esc in the paid-out panel closes the panel, not the till screen', async () => {
  await page.getByTestId('tile-till').click();
  await page.getByTestId('till-live').waitFor();
  await page.keyboard.press('F3');
  await page.getByTestId('till-action-paid-out').waitFor();
  await page.getByText(/sortie de caisse/i).first().waitFor();
  const panelOpen = () => page.locator('form').count();
  const withPanel = await panelOpen();
  await page.keyboard.press('Escape');
  await expect.poll(panelOpen).toBeLessThan(withPanel);
  expect(await page.getByTestId('till-live').isVisible()).toBe(true);
  await page.keyboard.press('Escape');
  await page.getByTestId('home').waitFor();
});

test('a reload mid-sale keeps the clerk signed in, on her screen, with her basket', async () => {
  await page.getByTestId('tile-sale').click();
  await page.getByTestId('product-STAMP-LOCAL').click();
  await page.getByTestId('product-BOX-S').click();
  await page.getByTestId('sale-tendered').fill('1000');
  await expect.poll(() => page.getByTestId('sale-total').textContent()).toMatch(/500/);

  await page.reload();
  await page.getByTestId('sale-draft-restored').waitFor();
  expect(await page.getByTestId('sale-line-STAMP-LOCAL').count()).toBe(1);
  expect(await page.getByTestId('sale-line-BOX-S').count()).toBe(1);
  expect(await page.getByTestId('sale-tendered').inputValue()).toBe('1000');
  await screenshot(page, 'never-lost-01-basket-after-reload');

  const before = (await sales()).length;
  await page.getByTestId('sale-confirm').click();
  const result = page.getByTestId('sale-result');
  await result.waitFor();
  const booked = await result.getAttribute('data-operation-id');
  expect((await sales()).length).toBe(before + 1);
  // The last operation stays in view, with its outcome.
  await page.locator(`[data-testid="last-operation"][data-operation-id="${booked}"]`).waitFor();
  await page.getByTestId('sale-next').click();
});

test('Enter then an immediate reload: the sale is booked once and the clerk sees it', async () => {
  await page.getByTestId('product-STAMP-INTL').click();
  await page.getByTestId('sale-tendered').fill('350');
  const before = (await sales()).length;
  await page.getByTestId('sale-tendered').press('Enter');
  await page.reload();

  // Whether the booking left before the reload or not, the clerk lands on a screen that says so:
  // the sale shown as booked (last operation, or its answer again), or her basket back.
  await page.getByTestId('sale-screen').waitFor();
  await page.getByTestId('sale-code').waitFor();
  await page.waitForTimeout(1000);
  if ((await page.getByTestId('sale-draft-restored').count()) > 0 && (await page.getByTestId('sale-result').count()) === 0) {
    // Not booked (the reload won the race): confirming again reuses the same operation id.
    await page.getByTestId('sale-confirm').click();
    await page.getByTestId('sale-result').waitFor();
  }
  const after = await sales();
  expect(after.length).toBe(before + 1);
  await page.locator(`[data-testid="last-operation"][data-operation-id="${after[0]!.operationId}"]`).waitFor();
  if ((await page.getByTestId('sale-result').count()) > 0) {
    expect(await page.getByTestId('sale-result').getAttribute('data-operation-id')).toBe(after[0]!.operationId);
  }
  await screenshot(page, 'never-lost-02-booked-once-after-reload');
  if ((await page.getByTestId('sale-next').count()) > 0) await page.getByTestId('sale-next').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('home').waitFor();
});

test('my operations: what each was, its status, and a void a supervisor approves at the window', async () => {
  await page.getByTestId('tile-my-operations').click();
  await page.getByTestId('my-operations').waitFor();
  const first = page.getByTestId('my-operation').first();
  const target = await first.getAttribute('data-operation-id');
  expect(await first.getAttribute('data-kind')).toBe('sale');
  expect(await first.getByTestId('operation-status').getAttribute('data-status')).toBe('done');

  await first.getByTestId('my-operation-void').click();
  await page.getByTestId('my-operation-void-form-reason').fill('erreur de saisie');
  await page.getByTestId('my-operation-void-form-submit').click();
  await approveAtWindow(page, 'hassan', '5678');
  await page.getByTestId('my-operations-notice').waitFor();
  const voided = page.locator(`[data-testid="my-operation"][data-operation-id="${target}"] [data-testid="operation-status"]`);
  await expect.poll(() => voided.getAttribute('data-status')).toBe('voided');
  const operations = await hassan.call('till.operations', { sessionId, limit: 100 });
  expect(operations.find((o) => o.operationId === target)?.voidedBy).not.toBeNull();
  await screenshot(page, 'never-lost-03-my-operations');
});
