// Money orders at the window, in Chromium, between two counters against one real PostgreSQL head
// office: the demo branch (A) and a real branch set up by a technician (B), each a browser host of
// its own with its own SQLite ledger. A clerk at A issues an order (sender from the register,
// payee by name and document, the fee quoted before the cash is taken) and reads its number and
// secret off the screen; a clerk at B pays it on the payee's document and the secret (a wrong
// secret refused first, in words); a second payment, back at A, is refused in words naming the
// branch that paid it and when; a cancellation at A and a reimbursement of an expired order at B
// each go through with the branch manager approving at the window. A captures an order abroad (country,
// currency, purpose) that head office takes as transmitted; B pays an order from abroad head office
// published to it, from the list of incoming orders. A's clock starts 95 days back:
// the order it issued then has expired by today (the tariff's 90 days). The second issue's answer
// is lost on the way to the page and the page reloaded: the kept draft sends the same operation id
// again and the clerk sees the same order, booked once, its secret not shown twice. Once in Arabic,
// with no raw code on the screen.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BranchSetup, Input } from '@shared/contract';
import { makeMoneyOrderNumber } from '@shared/money-order-number';
import { uuid7 } from '@shared/uuid7';
import { HeadOfficeMoneyOrdersStaff } from '../../electron/services/headoffice/money-orders-api';
import { makeSalt, secretHash } from '../../electron/services/money-orders/secret';
import type { HeadOfficeSettings } from '../../electron/services/replication/head-office-settings';
import { startBrowserHost, type RunningBrowserHost } from '../support/browser-host';
import { launchChromium } from '../support/chromium';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { TEST_TARIFF } from '../support/money-order-world';
import { postgresServer } from '../support/postgres';
import { eventually } from '../support/replication-checks';
import { MovableClock } from '../support/savings-window';
import { makeTempDir } from '../support/temp-dir';
import { openCounter, screenshot, signIn } from './support/counter-page';
import { digitsOf, ledgerProbe, type LedgerProbe } from './support/ledger-probe';
import { findLeaks } from './support/raw-words';
import { createRealBranchWithClerk } from './support/real-branch';
import { approveAtWindow } from './support/till-steps';

const DAY_MS = 86_400_000;
const dataA = makeTempDir('counter-e2e-mo-a-');
const dataB = makeTempDir('counter-e2e-mo-b-');
const BRANCH_B: BranchSetup = {
  code: 'DJ-BALBALA',
  name: 'Bureau de poste de Balbala',
  country: 'DJ',
  currency: 'DJF',
  language: 'fr',
  supervisor: { username: 'kadra', displayName: 'Kadra Ali', secret: '864209' },
  technician: { username: 'said', displayName: 'Saïd Omar', secret: 'a-long-password' },
};
const CLERK_B = { username: 'idriss', displayName: 'Idriss Guichetier', secret: '2580' };
/** The sender, registered at A: her identity card is what cancelling and reimbursing ask for. */
const SENDER_CARD = 'DJ500001';
const PAYEE_PASSPORT = 'P7654321';
/** An order from abroad head office received through its IFS link and published to B. */
const INCOMING = { number: makeMoneyOrderNumber(9_001), secret: '31415926', passport: 'P1112223', amount: 12_000 };
const djf = (minor: number) => ({ minor, currency: 'DJF' });

let ho: TestHeadOffice;
let a: RunningBrowserHost;
let b: RunningBrowserHost;
let browser: Browser;
/** Branch A's clock: 95 days back while the soon-expired order is issued, then today. */
const clockA = new MovableClock(-95 * DAY_MS);
let expiredNumber = '';

const settingsFor = (host: string, port: number, database: string, user: string): HeadOfficeSettings => ({
  mode: 'configured',
  host,
  port,
  database,
  user,
  sslmode: 'disable',
  caFile: null,
  certFile: null,
  keyFile: null,
});
const timing = { replicationStartDelayMs: 0, counterpartyTiming: { tickMs: 200, retry: { baseMs: 100, maxMs: 1_000 } } } as const;

/** Everything the branch booked acknowledged by head office, and head office's reference items pulled. */
async function synced(running: RunningBrowserHost, probe: LedgerProbe): Promise<void> {
  await eventually('head office acknowledged the branch', async () => {
    await probe.call('replication.syncNow', {});
    const status = running.host.current.status().headOffice;
    return status.state === 'online' && status.unsynced === 0;
  });
}

/** A float in the clerk's till, from the safe, confirmed by the clerk. */
async function floatFor(supervisor: LedgerProbe, clerk: LedgerProbe, username: string): Promise<void> {
  await supervisor.call('safe.receiveCash', { operationId: uuid7(), amount: djf(1_000_000), reference: 'HO-STORAGE' });
  await supervisor.call('till.open', { operationId: uuid7(), tillId: 'G1', clerk: username, float: djf(100_000) });
  const mine = await clerk.call('till.mine', {});
  await clerk.call('till.confirmReceipt', { operationId: uuid7(), pendingTransferId: mine!.pending[0]!.transferId });
}

async function tariffPulled(probe: LedgerProbe): Promise<void> {
  await eventually('head office’s money-order tariff reached the branch', async () => {
    await probe.call('replication.syncNow', {});
    return probe.call('moneyOrders.tariff', { key: 'domestic' }).then(
      () => true,
      () => false,
    );
  });
}

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const roleA = (await ho.addBranch('DJ-DEMO')).role;
  const roleB = (await ho.addBranch(BRANCH_B.code)).role;
  const staff = new HeadOfficeMoneyOrdersStaff(ho.staff);
  await staff.allocateRange('DJ-DEMO', 1, 1_000);
  await staff.allocateRange(BRANCH_B.code, 1_001, 2_000);
  await staff.publishTariff('domestic', TEST_TARIFF);
  await staff.publishTariff('international', TEST_TARIFF);
  await staff.allocateRange(null, 9_001, 9_010);
  const salt = makeSalt();
  await staff.receiveInternational({
    number: INCOMING.number,
    payeeBranch: BRANCH_B.code,
    sender: { name: 'Jean Martin', country: 'FR' },
    payee: { name: 'Hawa Abdi', document_type: 'passport', document_number: INCOMING.passport, document_country: 'DJI' },
    amount: INCOMING.amount,
    currency: 'DJF',
    exchangeReference: 'IFS-2026-000123',
    secretSalt: salt,
    secretHash: await secretHash(INCOMING.secret, salt),
    expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString(),
  });
  const server = await postgresServer();
  await createRealBranchWithClerk(dataB.dir, BRANCH_B, CLERK_B);
  a = await startBrowserHost({ dataDir: dataA.dir, headOffice: settingsFor(server.host, server.port, ho.database.name, roleA), clock: clockA, ...timing });
  b = await startBrowserHost({ dataDir: dataB.dir, headOffice: settingsFor(server.host, server.port, ho.database.name, roleB), ...timing });
  browser = await launchChromium();

  // At A, 95 days ago: a float, the sender registered, and an order of hers that has expired by today.
  const hassan = await ledgerProbe(a, 'hassan', '5678');
  const amina = await ledgerProbe(a, 'amina', '1234');
  await floatFor(hassan, amina, 'amina');
  const senderId = uuid7();
  await amina.call('customers.register', {
    customerId: senderId,
    familyName: 'Houssein',
    givenNames: 'Fatouma Ali',
    birthDate: '1988-04-12',
    document: { type: 'identity-card', number: SENDER_CARD, country: 'DJI', expiry: '2030-01-31' },
    phone: '77123456',
  });
  await tariffPulled(amina);
  const sessionId = (await amina.call('till.mine', {}))!.sessionId;
  const old: Input<'moneyOrders.issue'> = {
    operationId: uuid7(),
    sessionId,
    kind: 'domestic',
    senderId,
    payee: { name: 'Moussa Hassan' },
    amount: djf(5_000),
    tendered: djf(5_300),
  };
  expiredNumber = (await amina.call('moneyOrders.issue', old)).number;
  await synced(a, hassan);

  // Today. Branch A's sessions have long gone idle: the browser signs in afresh (the till stays Amina's).
  clockA.offsetMs = 0;
  await synced(a, await ledgerProbe(a, 'hassan', '5678'));

  // At B: a float in Idriss's till, and the tariff pulled.
  const kadra = await ledgerProbe(b, 'kadra', '864209');
  const idriss = await ledgerProbe(b, 'idriss', CLERK_B.secret);
  await floatFor(kadra, idriss, 'idriss');
  await tariffPulled(idriss);
  await eventually('the order from abroad reached B', async () => {
    await idriss.call('replication.syncNow', {});
    return (await idriss.call('moneyOrders.incoming', {})).some((order) => order.number === INCOMING.number);
  });
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await a?.stop();
  await b?.stop();
  await ho?.close();
  dataA.remove();
  dataB.remove();
}, 120_000);

const textOf = async (page: Page, testId: string) => (await page.getByTestId(testId).innerText()).replace(/\s+/g, ' ').trim();

/** Answers to `moneyOrders.issue` the page will not receive (the socket between page and host drops them), and the ids those calls carried. */
const lostIssue = { armed: false, requests: new Set<string>(), operationIds: [] as string[] };

/** A window whose socket to the host goes through the test: it can lose the answer to an issue, as a frozen page would. */
async function openWithLossyLink(running: RunningBrowserHost) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.routeWebSocket(/\/rpc/, (page) => {
    const host = page.connectToServer();
    page.onMessage((message) => {
      const request = typeof message === 'string' ? (JSON.parse(message) as { id?: string; method?: string; input?: { operationId?: string } }) : null;
      if (lostIssue.armed && request?.method === 'moneyOrders.issue' && request.id) {
        lostIssue.requests.add(request.id);
        lostIssue.operationIds.push(request.input?.operationId ?? '');
      }
      host.send(message);
    });
    host.onMessage((message) => {
      const answer = typeof message === 'string' ? (JSON.parse(message) as { id?: string }) : null;
      if (answer?.id && lostIssue.requests.has(answer.id)) return;
      page.send(message);
    });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(running.web.url);
  return { context, page, errors };
}

async function openMoneyOrders(running: RunningBrowserHost, username: string, secret: string, lossy = false) {
  const opened = lossy ? await openWithLossyLink(running) : await openCounter(browser, running.web.url);
  await signIn(opened.page, username, secret);
  await opened.page.getByTestId('tile-money-orders').click();
  await opened.page.getByTestId('mo-issued').waitFor();
  return opened;
}

/** F2, the sender found in the register by her card, the payee by name (and document), the amount and the cash, all typed. */
async function typeIssue(page: Page, payee: { name: string; passport?: string }, amount: string, tendered: string, key = 'F2') {
  await page.keyboard.press(key);
  await page.getByTestId('mo-pick-sender').waitFor();
  await page.getByTestId('customer-search-document').fill(SENDER_CARD);
  await page.getByTestId('customer-search-document').press('Enter');
  await page.getByTestId('customer-pick').click();
  await page.getByTestId('mo-payee-name').fill(payee.name);
  if (key === 'F9') {
    // An order abroad: the country by its name in the clerk's language, the payee's currency, the purpose.
    await page.getByTestId('mo-intl-country').fill('Fran');
    await page.getByRole('option', { name: 'France' }).click();
    await page.getByTestId('mo-intl-currency').fill('EUR');
    await page.getByTestId('mo-intl-purpose').fill('Aide familiale');
  }
  if (payee.passport) {
    await page.getByTestId('mo-payee-document-type').click();
    await page.getByRole('option', { name: 'Passeport' }).click();
    await page.getByTestId('mo-payee-document-number').fill(payee.passport);
  }
  await page.getByTestId('mo-issue-amount').fill(amount);
  await page.getByTestId('mo-quote-total').waitFor();
  await page.getByTestId('mo-issue-tendered').fill(tendered);
}

/** The issue typed and confirmed with Enter: the result on screen. */
async function issueAtWindow(page: Page, payee: { name: string; passport?: string }, amount: string, tendered: string) {
  await typeIssue(page, payee, amount, tendered);
  await page.getByTestId('mo-issue-tendered').press('Enter');
  const result = page.getByTestId('mo-issue-result');
  await result.waitFor({ timeout: 60_000 });
  return result;
}

/** F-key to a payout form, the number looked up: the order's facts on screen. */
async function lookUpFor(page: Page, key: string, number: string) {
  await page.keyboard.press(key);
  await page.getByTestId('mo-number').fill(number);
  await page.getByTestId('mo-number').press('Enter');
  await page.locator(`[data-testid="mo-order"][data-number="${number}"]`).waitFor();
}

async function pay(page: Page, number: string, passport: string, secret: string) {
  await lookUpFor(page, 'F3', number);
  await page.getByTestId('mo-pay-document-number').fill(passport);
  await page.getByTestId('mo-pay-secret').fill(secret);
  await page.getByTestId('mo-pay-secret').press('Enter');
  const result = page.getByTestId('mo-payout-result');
  await result.waitFor({ timeout: 60_000 });
  return result;
}

test('issue at A, pay once at B with the document and the secret, a second payment refused in words, cancel and reimburse with the manager at the window, an order sent abroad and one from abroad paid', async () => {
  // A: the order to pay. Above 20 000 the tariff asks for the payee's document; the fee is quoted before the cash.
  const atA = await openMoneyOrders(a, 'amina', '1234', true);
  const pageA = atA.page;
  const issued = await issueAtWindow(pageA, { name: 'Omar Hassan Daher', passport: PAYEE_PASSPORT }, '25000', '30000');
  expect(digitsOf(await textOf(pageA, 'mo-issue-total'))).toBe('25800');
  expect(digitsOf(await textOf(pageA, 'mo-issue-result-change'))).toBe('4200');
  expect(await issued.getAttribute('data-payable')).toBe('now');
  expect(await textOf(pageA, 'mo-issue-payable')).toBe('Payable dès maintenant dans tout bureau de poste, sur présentation du code secret.');
  const toPay = (await issued.getAttribute('data-number'))!;
  const secret = (await pageA.getByTestId('mo-issue-secret').getAttribute('data-secret'))!;
  expect(secret).toMatch(/^\d{8}$/);
  expect(digitsOf(await textOf(pageA, 'mo-issue-number'))).toBe(toPay);
  await screenshot(pageA, 'money-orders-01-issued');
  await pageA.getByTestId('mo-issue-next').press('Enter');

  // A: the order the sender will cancel (under the threshold: the payee by name only). Its answer is
  // lost on the way to the page, which is reloaded: the draft comes back and Enter sends the same id.
  await typeIssue(pageA, { name: 'Ali Moussa' }, '8000', '');
  lostIssue.armed = true;
  await pageA.getByTestId('mo-issue-tendered').press('Enter');
  await eventually('the issue reached the host', () => lostIssue.operationIds.length === 1);
  lostIssue.armed = false;
  await pageA.reload();
  await pageA.getByTestId('mo-draft-restored').waitFor();
  expect(await pageA.getByTestId('mo-payee-name').inputValue()).toBe('Ali Moussa');
  expect(await pageA.getByTestId('mo-issue-amount').inputValue()).toBe('8000');
  await pageA.getByTestId('customer-card').filter({ hasText: 'Houssein Fatouma Ali' }).waitFor();
  await pageA.getByTestId('mo-quote-total').waitFor();
  await pageA.getByTestId('mo-issue-tendered').press('Enter');
  const second = pageA.getByTestId('mo-issue-result');
  await second.waitFor({ timeout: 60_000 });
  expect(await second.getAttribute('data-operation-id')).toBe(lostIssue.operationIds[0]);
  expect(await second.getAttribute('data-replayed')).toBe('true');
  // Shown once, with the answer the page never received: on the sender's receipt only from now on.
  await pageA.getByTestId('mo-issue-secret-gone').waitFor();
  expect(await pageA.getByTestId('mo-issue-secret').count()).toBe(0);
  await screenshot(pageA, 'money-orders-02-same-order-after-reload');
  const toCancel = (await second.getAttribute('data-number'))!;
  await pageA.getByTestId('mo-issue-next').click();
  // Back to the list of orders issued here: it is there, already at head office.
  await pageA.locator(`[data-testid="mo-issued-row"][data-number="${toCancel}"][data-transmitted="true"]`).waitFor();

  // A: an order abroad, captured for head office to transmit: not payable at any counter.
  await typeIssue(pageA, { name: 'Marie Dubois' }, '10000', '', 'F9');
  await pageA.getByTestId('mo-issue-tendered').press('Enter');
  const abroad = pageA.getByTestId('mo-issue-result');
  await abroad.waitFor({ timeout: 60_000 });
  expect(await textOf(pageA, 'mo-issue-payable')).toBe('Remis au siège, qui le transmet à l’étranger.');
  const sentAbroad = (await abroad.getAttribute('data-number'))!;
  await pageA.getByTestId('mo-issue-next').click();
  await lookUpFor(pageA, 'F4', sentAbroad);
  expect(await textOf(pageA, 'mo-order-status')).toBe('Transmis à l’étranger par le siège : il ne se paie pas à un guichet.');
  expect(await textOf(pageA, 'mo-order')).toContain('France · devise EUR · motif : Aide familiale');
  await screenshot(pageA, 'money-orders-02b-sent-abroad');

  // B: the payee shows his passport and says the secret; a wrong secret first.
  const atB = await openMoneyOrders(b, 'idriss', CLERK_B.secret);
  const pageB = atB.page;
  await lookUpFor(pageB, 'F3', toPay);
  expect(await textOf(pageB, 'mo-order-status')).toMatch(/^Disponible : payable dans tout bureau de poste jusqu’au .+\.$/);
  expect(await textOf(pageB, 'mo-order-payee')).toBe(`Omar Hassan Daher · Passeport n° ${PAYEE_PASSPORT} (DJI)`);
  const wrong = secret === '00000000' ? '11111111' : '00000000';
  await pageB.getByTestId('mo-pay-document-number').fill(PAYEE_PASSPORT);
  await pageB.getByTestId('mo-pay-secret').fill(wrong);
  await pageB.getByTestId('mo-pay-secret').press('Enter');
  const refusedSecret = pageB.locator('[data-testid="mo-payout-result"][data-outcome="refused"]');
  await refusedSecret.waitFor({ timeout: 60_000 });
  expect(await textOf(pageB, 'mo-payout-outcome')).toBe('Paiement refusé. Code secret erroné : rien n’est versé.');
  await pageB.getByTestId('mo-pay-secret').fill(secret);
  await pageB.getByTestId('mo-pay-secret').press('Enter');
  const paid = pageB.locator('[data-testid="mo-payout-result"][data-outcome="paid"]');
  await paid.waitFor({ timeout: 60_000 });
  expect(await textOf(pageB, 'mo-payout-outcome')).toMatch(/^Le siège a réservé ce mandat pour l’agence : remettez 25\s?000 Fdj au bénéficiaire\.$/);
  await screenshot(pageB, 'money-orders-03-paid-at-b');
  await pageB.getByTestId('mo-pay-next').click();

  // B: the order from abroad, chosen in the list of incoming orders, paid the same way.
  await pageB.keyboard.press('F8');
  const row = pageB.locator(`[data-testid="mo-incoming-row"][data-number="${INCOMING.number}"]`);
  await row.waitFor();
  expect(await row.innerText()).toContain('Jean Martin (France)');
  expect(await row.innerText()).toContain('IFS-2026-000123');
  await row.getByTestId('mo-incoming-pay').click();
  await pageB.locator(`[data-testid="mo-order"][data-number="${INCOMING.number}"]`).waitFor();
  expect(await textOf(pageB, 'mo-order')).toContain('reçu de l’étranger');
  await pageB.getByTestId('mo-pay-document-number').fill(INCOMING.passport);
  await pageB.getByTestId('mo-pay-secret').fill(INCOMING.secret);
  await pageB.getByTestId('mo-pay-secret').press('Enter');
  await pageB.locator('[data-testid="mo-payout-result"][data-outcome="paid"]').waitFor({ timeout: 60_000 });
  expect(await textOf(pageB, 'mo-payout-outcome')).toMatch(/^Le siège a réservé ce mandat pour l’agence : remettez 12\s?000 Fdj au bénéficiaire\.$/);
  await pageB.getByTestId('mo-pay-next').click();

  // Head office marks it paid when B's booking replicates; then A, asked again, says where and when.
  const kadra = await ledgerProbe(b, 'kadra', '864209');
  await synced(b, kadra);
  await eventually('head office has the order paid', async () => (await kadra.call('moneyOrders.find', { number: toPay })).status === 'paid');
  const again = await pay(pageA, toPay, PAYEE_PASSPORT, secret);
  expect(await again.getAttribute('data-outcome')).toBe('refused');
  expect(await textOf(pageA, 'mo-payout-outcome')).toMatch(/^Paiement refusé\. Ce mandat a déjà été payé à l’agence DJ-BALBALA le .+ : rien n’est versé\.$/);
  expect(await textOf(pageA, 'mo-order-status')).toMatch(/^Payé à l’agence DJ-BALBALA le .+\.$/);
  await screenshot(pageA, 'money-orders-04-second-payment-refused');

  // A: the sender cancels, on her card, the manager approving at the window; the fee stays (the tariff keeps it).
  await lookUpFor(pageA, 'F6', toCancel);
  await pageA.getByTestId('mo-cancel-document-number').fill(SENDER_CARD);
  await pageA.getByTestId('mo-cancel-submit').click();
  await pageA.getByTestId('approval-dialog').waitFor();
  expect(await pageA.getByTestId('approval-dialog').innerText()).toContain('annuler un mandat et en rembourser l’expéditeur');
  await approveAtWindow(pageA, 'hassan', '5678');
  const cancelled = pageA.locator('[data-testid="mo-payout-result"][data-outcome="paid"][data-purpose="cancel"]');
  await cancelled.waitFor({ timeout: 60_000 });
  expect(await textOf(pageA, 'mo-payout-outcome')).toMatch(/^Mandat annulé : rendez 8\s?000 Fdj à l’expéditeur\.$/);
  expect(await cancelled.innerText()).toContain('Les frais restent acquis à la poste.');
  await screenshot(pageA, 'money-orders-05-cancelled');
  await pageA.getByTestId('mo-cancel-next').click();

  // B: the order issued 95 days ago has expired: not payable, reimbursed to the sender on her card with B's manager.
  await lookUpFor(pageB, 'F7', expiredNumber);
  expect(await textOf(pageB, 'mo-order-status')).toMatch(/^Expiré le .+ : il ne se paie plus ; remboursable à l’expéditeur\.$/);
  await pageB.getByTestId('mo-reimburse-document-number').fill(SENDER_CARD);
  await pageB.getByTestId('mo-reimburse-document-number').press('Enter');
  await approveAtWindow(pageB, 'kadra', '864209');
  const reimbursed = pageB.locator('[data-testid="mo-payout-result"][data-outcome="paid"][data-purpose="reimburse"]');
  await reimbursed.waitFor({ timeout: 60_000 });
  expect(await textOf(pageB, 'mo-payout-outcome')).toMatch(/^Mandat remboursé : rendez 5\s?000 Fdj à l’expéditeur\.$/);
  await screenshot(pageB, 'money-orders-06-reimbursed');
  await pageB.getByTestId('mo-reimburse-next').click();

  // The paid order's status, read in Arabic: where and when, nothing raw on the screen.
  await pageB.getByTestId('language-ar').click();
  await pageB.waitForFunction(() => document.documentElement.lang === 'ar');
  await lookUpFor(pageB, 'F4', toPay);
  // The branch code and the date's digits go in as isolates: they keep their own order inside the Arabic line.
  expect(await textOf(pageB, 'mo-order-status')).toMatch(/^دُفعت في الفرع \u2068DJ-BALBALA\u2069 بتاريخ \u2068.+\.$/);
  expect(findLeaks(await pageB.evaluate(() => document.body.innerText))).toEqual([]);
  await screenshot(pageB, 'money-orders-07-status-ar');

  // What the screens said is what the ledgers hold, and what head office has.
  const hassan = await ledgerProbe(a, 'hassan', '5678');
  await synced(a, hassan);
  await synced(b, kadra);
  const kindsAt = async (running: RunningBrowserHost, probe: LedgerProbe, clerk: string, secretOf: string) => {
    const sessionId = (await (await ledgerProbe(running, clerk, secretOf)).call('till.mine', {}))!.sessionId;
    return (await probe.call('till.operations', { sessionId, limit: 50 })).map((operation) => operation.kind).filter((kind) => kind.startsWith('money-order')).sort();
  };
  const expectedCash = async (probe: LedgerProbe) => (await probe.call('till.list', { status: 'live', limit: 5 })).map((till) => till.expectedCash.minor);
  // A: four orders issued (one 95 days ago, one abroad), one cancelled, and the refused second payment (its reservation voided).
  expect(await kindsAt(a, hassan, 'amina', '1234')).toEqual([
    'money-order-cancellation',
    'money-order-issue',
    'money-order-issue',
    'money-order-issue',
    'money-order-issue',
    'money-order-payment',
  ]);
  // B: the payment refused for its wrong secret, the one paid, the order from abroad paid, the reimbursement.
  expect(await kindsAt(b, kadra, 'idriss', CLERK_B.secret)).toEqual(['money-order-payment', 'money-order-payment', 'money-order-payment', 'money-order-reimbursement']);
  // The drawers: A took 5 300 + 25 800 + 8 300 + 10 300 and gave back 8 000 (the fee kept); B paid 25 000, 12 000 and 5 000. Refusals moved nothing.
  expect(await expectedCash(hassan)).toEqual([100_000 + 5_300 + 25_800 + 8_300 + 10_300 - 8_000]);
  expect(await expectedCash(kadra)).toEqual([100_000 - 25_000 - INCOMING.amount - 5_000]);
  await eventually('head office settled the cancellation and the reimbursement', async () => {
    const [cancelledAtHo, reimbursedAtHo] = await Promise.all([kadra.call('moneyOrders.find', { number: toCancel }), kadra.call('moneyOrders.find', { number: expiredNumber })]);
    return cancelledAtHo.status === 'cancelled' && reimbursedAtHo.status === 'reimbursed';
  });
  expect(atA.errors).toEqual([]);
  expect(atB.errors).toEqual([]);
}, 600_000);
