import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { connectPostgres } from '../../electron/services/headoffice/postgres-connection';
import { HeadOfficeApi, type PushBatch } from '../../electron/services/headoffice/head-office-api';
import { HeadOfficeSavingsApi, type SavingsReserveAnswer } from '../../electron/services/headoffice/savings-api';
import { openTestBranchLedger, type TestBranchLedger } from '../support/branch-ledger';
import { startTestHeadOffice, type TestHeadOffice } from '../support/head-office';
import { postgresServer } from '../support/postgres';
import { branchUrl } from '../support/replication-world';
import { allocateNumbers, publishProduct, SavingsBookings, TEST_PRODUCT } from '../support/savings-world';
import { FaultyProxy } from '../support/tcp-proxy';
import { makeTempDir } from '../support/temp-dir';

/** Lost replies and races against head office's savings, on a real PostgreSQL through a loopback proxy. */
let ho: TestHeadOffice;
let proxy: FaultyProxy;
let roles: { A: string; B: string };
let numbers: string[];
let used = 0;
let ledger: TestBranchLedger;
const temp = makeTempDir('ho-savings-rel-');
const customer = '0190a6c2-6f1e-7b3a-9c1d-2e4f5a6b7c8d';

beforeAll(async () => {
  ho = await startTestHeadOffice();
  roles = { A: (await ho.addBranch('RA')).role, B: (await ho.addBranch('RB')).role };
  await publishProduct(ho.staff, { ...TEST_PRODUCT, daily_withdrawal_limit: { basic: 10_000_000 }, monthly_withdrawal_limit: { basic: 10_000_000 }, max_balance: { basic: 10_000_000 } });
  numbers = await allocateNumbers(ho.staff, 'RA', 200);
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  ledger = await openTestBranchLedger(temp.dir);
}, 120_000);
afterAll(async () => {
  await proxy?.stop();
  await ledger?.close();
  await ho?.close();
  temp.remove();
}, 120_000);

const viaProxy = (role: string) => connectPostgres({ connectionString: branchUrl(ho.database.urlAs, role, proxy.port), connectionTimeoutMillis: 5000 });

/** An account of branch RA holding `balance`, its lines written as head office would (no push needed here). */
async function fundedAccount(balance: number): Promise<string> {
  const number = numbers[used++]!;
  await ho.staff.query(
    `INSERT INTO ho.savings_accounts (branch_code, account_number, customer_id, product_code, kyc_tier, status, interest_posted_to,
                                      opened_at, opened_by, opened_by_operation, last_activity_at)
     VALUES ('RA', $1, $2, 'livret-a', 'basic', 'active', current_date - 1, now(), 'RA', $3, now())`,
    [number, customer, uuid7()],
  );
  await ho.staff.query("SELECT ho.savings_append_line('RA', $1, 'deposit', $2, current_date, NULL, NULL, NULL, NULL)", [number, balance]);
  return number;
}

const heldRows = (number: string) =>
  ho.staff.query<{ hold_branch: string; operation_id: string; amount: string; status: string }>(
    'SELECT hold_branch, operation_id, amount, status FROM ho.savings_holds WHERE account_number = $1 ORDER BY reserved_at',
    [number],
  );

it("the reserve's reply lost, then the same reserve sent again: one hold, and the first answer", async () => {
  const number = await fundedAccount(50_000);
  const operationId = uuid7();
  const lost = await viaProxy(roles.A);
  const dropped = proxy.dropNextReplyTo('ho.savings_reserve');
  await expect(new HeadOfficeSavingsApi(lost, 'RA').reserve(operationId, number, 12_000, 600)).rejects.toThrow();
  await dropped;
  await lost.close().catch(() => {});

  // The branch does not know: it asks by the same id, then sends the same reserve again.
  const again = await viaProxy(roles.A);
  try {
    const api = new HeadOfficeSavingsApi(again, 'RA');
    const known = await api.operation(operationId);
    expect(known).toMatchObject({ state: 'reserved', hold: { amount: 12_000 } });
    const resent = await api.reserve(operationId, number, 12_000, 600);
    expect(resent).toEqual(known.answer);
    expect(await api.reserve(operationId, number, 12_000, 600)).toEqual(resent);
  } finally {
    await again.close();
  }
  expect((await heldRows(number)).rows).toEqual([{ hold_branch: 'RA', operation_id: operationId, amount: '12000', status: 'reserved' }]);
  expect((await ho.staff.query('SELECT held FROM ho.savings_accounts WHERE account_number = $1', [number])).rows).toEqual([{ held: '12000' }]);
});

it('the same reserve sent twice at once (a resend racing the first): one hold, the same answer twice', async () => {
  const number = await fundedAccount(50_000);
  const operationId = uuid7();
  const [one, two] = [await ho.connectAs(roles.B), await ho.connectAs(roles.B)];
  const answers = await Promise.all([one, two].map((link) => new HeadOfficeSavingsApi(link, 'RB').reserve(operationId, number, 7_000, 600)));
  expect(answers[0]).toEqual(answers[1]);
  expect(answers[0]!.outcome).toBe('reserved');
  expect((await heldRows(number)).rows).toHaveLength(1);
});

it("an offline deposit pushed, the push's reply lost and the batch resent: credited exactly once", async () => {
  const number = numbers[used++]!;
  const direct = await ho.connectAs(roles.A);
  const opened = await new HeadOfficeSavingsApi(direct, 'RA').open({
    operationId: uuid7(), accountNumber: number, customerId: customer, productCode: 'livret-a', kycTier: 'basic', openedAt: new Date().toISOString(),
  });
  expect(opened.outcome).toBe('opened');
  // Taken at the counter while the link was down: booked locally, pushed when it came back.
  new SavingsBookings(ledger).deposit(number, 25_000);
  const batch: PushBatch = { sent_at: new Date().toISOString(), transfers: ledger.transfers() };

  const lost = await viaProxy(roles.A);
  const dropped = proxy.dropNextReplyTo('ho.push');
  await expect(new HeadOfficeApi(lost).push(batch)).rejects.toThrow();
  await dropped;
  await lost.close().catch(() => {});

  const again = await viaProxy(roles.A);
  try {
    expect(await new HeadOfficeApi(again).push(batch)).toMatchObject({ status: 'ok', inserted: 0, duplicates: batch.transfers.length });
  } finally {
    await again.close();
  }
  const account = await new HeadOfficeSavingsApi(direct, 'RA').account(number);
  expect(account).toMatchObject({ found: true, account: { balance: 25_000, status: 'active', lines: 1 } });
});

it('two branches withdrawing the same balance at once, many rounds: never more reserved than was available', async () => {
  const links = await Promise.all([roles.A, roles.A, roles.A, roles.B, roles.B, roles.B].map((role) => ho.connectAs(role)));
  const apis = links.map((link, i) => new HeadOfficeSavingsApi(link, i < 3 ? 'RA' : 'RB'));
  const minBalance = TEST_PRODUCT.min_balance;
  for (let round = 0; round < 25; round += 1) {
    const balance = 20_000 + round * 1_000;
    const number = await fundedAccount(balance);
    // Each asks for a good part of the balance: at most two or three fit.
    const asked = apis.map((_, i) => 6_000 + ((round * 7 + i * 1_300) % 5_000));
    const answers: SavingsReserveAnswer[] = await Promise.all(apis.map((api, i) => api.reserve(uuid7(), number, asked[i]!, 600)));
    const reserved = answers.filter((a) => a.outcome === 'reserved').reduce((sum, a) => sum + (a.outcome === 'reserved' ? a.amount : 0), 0);
    expect(reserved, `round ${round}`).toBeLessThanOrEqual(balance - minBalance);
    expect(answers.filter((a) => a.outcome === 'reserved').length, `round ${round}`).toBeGreaterThan(0);
    for (const answer of answers) if (answer.outcome === 'refused') expect(['insufficient-available', 'below-minimum-balance']).toContain(answer.reason);
    const held = await ho.staff.query<{ held: string; balance: string }>('SELECT held, balance FROM ho.savings_accounts WHERE account_number = $1', [number]);
    expect(Number(held.rows[0]!.held)).toBe(reserved);
    // A refused branch asking the smallest possible amount still fits the rest exactly or is refused: no slack lost.
    const rest = balance - minBalance - reserved;
    const last = await apis[0]!.reserve(uuid7(), number, rest + 1, 600);
    expect(last.outcome).toBe('refused');
  }
  expect((await ho.staff.query('SELECT ho.savings_check_balances() AS r')).rows[0]).toEqual({ r: [] });
});
