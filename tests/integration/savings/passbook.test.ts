// Passbooks and statements through the router, against a real PostgreSQL head office (reached
// through a loopback proxy that can cut the link) and the passbook simulator speaking ESC/P on
// loopback TCP: what lands on which page and line, a page turn, a passbook pulled out halfway,
// a reprint, a lost book refused and replaced, the offline refusal, the mini-statement fallback.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse, PassbookPrintProgress, PassbookPrintResult } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { PassbookSimulator, type PrintedPassbookLine } from '../../../electron/services/devices/simulators/passbook-simulator';
import { HeadOfficeSavingsApi } from '../../../electron/services/headoffice/savings-api';
import { savingsAccountsRepository } from '../../../electron/services/savings/savings-accounts.repository';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { postgresServer } from '../../support/postgres';
import { allocateNumbers, publishProduct } from '../../support/savings-world';
import { FaultyProxy } from '../../support/tcp-proxy';
import { openDemoTill, type OpenTill } from '../../support/trading-day';

const djf = (minor: number) => ({ minor, currency: 'DJF' });
const SUPERVISOR = { username: 'hassan', secret: '5678' };
// A small book, so a few deposits fill a page: 2 pages of 4 lines, 2 blank slots on top, no fold.
const LAYOUT = { pages: 2, linesPerPage: 4, topMarginLines: 2, foldAfterLine: 0, foldSkipLines: 0 };
/** Slot of a line number on this layout, written out (not computed by the code under test). */
const SLOT: Record<number, number> = { 1: 2, 2: 3, 3: 4, 4: 5 };

let ho: TestHeadOffice;
let proxy: FaultyProxy;
let fixture: CounterFixture;
let till: OpenTill;
let supervisor: string;
let technician: string;
let numbers: string[];
let api: HeadOfficeSavingsApi;
let sim: PassbookSimulator;
/** What the customer at the window does when the printer asks for the passbook. */
let customer: 'inserts' | 'waits' = 'inserts';
const prompts: PassbookPrintProgress[] = [];

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const role = (await ho.addBranch('DJ-DEMO')).role;
  await publishProduct(ho.staff);
  numbers = await allocateNumbers(ho.staff, 'DJ-DEMO', 20);
  api = new HeadOfficeSavingsApi(await ho.connectAs(role), 'DJ-DEMO');
  const server = await postgresServer();
  proxy = new FaultyProxy(server.host, server.port);
  await proxy.start();
  fixture = await startCounter({
    headOffice: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
    replicationStartDelayMs: 0,
  });
  till = await openDemoTill(fixture);
  supervisor = await fixture.signIn('hassan', '5678');
  technician = await fixture.signIn('ismail', '9012');
  sim = new PassbookSimulator('epson-escp');
  await sim.listen();
  fixture.counter.subscribe(({ event, payload }) => {
    if (event !== 'passbook.progress') return;
    const progress = payload as PassbookPrintProgress;
    prompts.push(progress);
    if (customer === 'inserts' && (progress.state === 'insert' || progress.state === 'turn-page')) setTimeout(() => sim.insert(progress.page), 100);
  });
  await sync();
}, 180_000);
afterAll(async () => {
  await fixture?.close();
  await sim?.stop();
  await proxy?.stop();
  await ho?.close();
}, 120_000);

/** Pushes what the branch booked and waits until head office acknowledged all of it. */
async function sync(): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const status = await fixture.ok('replication.syncNow', {}, till.clerk);
    if (status.state === 'online' && fixture.counter.status().headOffice?.unsynced === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('head office did not acknowledge the branch');
}

let next = 0;
/** An account opened at head office, known at the branch, with these deposits credited. */
async function accountWith(deposits: number[]): Promise<string> {
  const accountNumber = numbers[next++]!;
  const customerId = uuid7();
  const opened = await api.open({ operationId: uuid7(), accountNumber, customerId, productCode: 'livret-a', kycTier: 'basic', openedAt: new Date().toISOString() });
  expect(opened.outcome).toBe('opened');
  const db = new Database(fixture.counter.databaseFile);
  const at = new Date().toISOString();
  savingsAccountsRepository(db).save({
    account_number: accountNumber, customer_id: customerId, holder_name: 'Fatouma Ali', product_code: 'livret-a', currency: 'DJF',
    status: 'submitted', balance: 0, available: 0, as_of: at, opened_at: at, updated_at: at,
  });
  db.close();
  await deposit(accountNumber, deposits);
  return accountNumber;
}

async function deposit(accountNumber: string, amounts: number[]): Promise<void> {
  for (const amount of amounts) {
    await fixture.ok('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber, amount: djf(amount) }, till.clerk);
  }
  await sync();
}

const printPassbook = (accountNumber: string, passbookNumber?: string): Promise<PassbookPrintResult> =>
  fixture.ok('savings.printPassbook', passbookNumber ? { accountNumber, passbookNumber } : { accountNumber }, till.clerk);

/** What went on paper from `mark` on: page, slot, label and the amount columns as printed. */
const onPaper = (mark: number) =>
  sim.printed.slice(mark).map((line: PrintedPassbookLine) => ({
    page: line.page,
    slot: line.slot,
    label: line.text.slice(9, 31).trim(),
    credit: line.text.slice(45, 57).trim(),
    balance: line.text.slice(58, 71).trim(),
  }));

const rule = (response: CallResponse) => (response.ok ? null : response.error.details?.rule);
const printJobs = (): number => {
  const db = new Database(fixture.counter.databaseFile, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM print_jobs WHERE payload LIKE '%RELEV%'").get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('without a passbook printer', () => {
  it('prints a mini statement on the receipt printer instead, says so, and leaves the cursor for the passbook', async () => {
    const account = await accountWith([1_000, 2_000]);
    const before = printJobs();
    const result = await printPassbook(account);
    expect(result).toMatchObject({ outcome: 'mini-statement', issued: true, printed: 0, remaining: 2, printedThrough: 0, cursor: { page: 1, line: 1 } });
    expect(result.passbookNumber).toMatch(/^DJ-DEMO-L\d{6}$/);
    expect(result.lines.map((line) => [line.kind, line.credit?.minor, line.balance.minor])).toEqual([
      ['deposit', 1_000, 1_000],
      ['deposit', 2_000, 3_000],
    ]);
    expect(result.receipt?.entries.some((entry) => entry.kind === 'total' && entry.amount.includes('3'))).toBe(true);
    expect(printJobs()).toBe(before + 1);
    // The statement alone, on screen and on paper.
    const statement = await fixture.ok('savings.statement', { accountNumber: account, print: true }, till.clerk);
    expect(statement).toMatchObject({ balance: djf(3_000), totalLines: 2, waitingDeposits: { count: 0 } });
    expect(printJobs()).toBe(before + 2);
    expect((await fixture.ok('savings.statement', { accountNumber: account, print: false }, till.clerk)).receipt).toBeNull();
    expect(printJobs()).toBe(before + 2);
  });
});

describe('on a passbook printer (ESC/P over loopback TCP)', () => {
  beforeAll(async () => {
    await fixture.ok(
      'devices.save',
      { id: 'passbook', kind: 'passbook-printer', name: 'Livrets', transport: { type: 'tcp', host: '127.0.0.1', port: sim.port }, model: 'epson-escp', layout: LAYOUT, insertTimeoutMs: 20_000 },
      technician,
    );
    for (let i = 0; i < 100 && fixture.counter.devices?.statusOf('passbook')?.power !== 'online'; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fixture.counter.devices?.statusOf('passbook')?.power).toBe('online');
  });

  it('issues the first passbook, prints each line at its place, turns the page when full, then prints only what is new', async () => {
    const account = await accountWith([1_000, 2_000, 3_000, 4_000, 5_000]);
    const mark = sim.printed.length;
    const bytesBefore = sim.captured.length;
    const ejectedBefore = sim.ejected.length;
    const first = await printPassbook(account);
    expect(first).toMatchObject({ outcome: 'complete', issued: true, printed: 5, remaining: 0, printedThrough: 5, cursor: { page: 2, line: 2 } });
    expect(onPaper(mark)).toEqual([
      { page: 1, slot: SLOT[1], label: 'Versement', credit: '1.000', balance: '1.000' },
      { page: 1, slot: SLOT[2], label: 'Versement', credit: '2.000', balance: '3.000' },
      { page: 1, slot: SLOT[3], label: 'Versement', credit: '3.000', balance: '6.000' },
      { page: 1, slot: SLOT[4], label: 'Versement', credit: '4.000', balance: '10.000' },
      { page: 2, slot: SLOT[1], label: 'Versement', credit: '5.000', balance: '15.000' },
    ]);

    // The bytes of the first line, written out: to 2 slots × 60/360 inch, each column at 6/60 inch per character.
    const { rows } = await ho.staff.query<{ value_date: string }>(
      "SELECT to_char(value_date, 'DD/MM/YY') AS value_date FROM ho.savings_lines WHERE account_number = $1 AND line_no = 1",
      [account],
    );
    const firstLine = Buffer.concat([
      Buffer.from([0x1b, 0x28, 0x56, 0x02, 0x00, 120, 0]),
      Buffer.from([0x1b, 0x24, 0, 0]), Buffer.from(rows[0]!.value_date, 'latin1'),
      Buffer.from([0x1b, 0x24, 54, 0]), Buffer.from('Versement', 'latin1'),
      Buffer.from([0x1b, 0x24, 270 & 0xff, 270 >> 8]), Buffer.from('       1.000', 'latin1'),
      Buffer.from([0x1b, 0x24, 348 & 0xff, 348 >> 8]), Buffer.from('        1.000', 'latin1'),
      Buffer.from([0x0d]),
    ]);
    expect(sim.captured.subarray(bytesBefore).includes(firstLine)).toBe(true);
    // Every line at its height in 1/360 inch (slot × 60), and each page ejected (FF) once printed.
    expect(sim.printed.slice(mark).map((line) => line.y360)).toEqual([120, 180, 240, 300, 120]);
    for (let i = 0; i < 50 && sim.ejected.length < ejectedBefore + 2; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sim.ejected.slice(ejectedBefore)).toEqual([1, 2]);
    // The second page is asked for by name once the first is full.
    expect(prompts.filter((p) => p.state === 'turn-page').at(-1)?.page).toBe(2);

    const stored = await fixture.ok('savings.account', { accountNumber: account }, till.clerk);
    expect(stored.passbook).toEqual({ number: first.passbookNumber, status: 'active', page: 2, line: 2, printedThrough: 5 });
    expect(stored.balance).toEqual(djf(15_000));

    await deposit(account, [6_000]);
    const mark2 = sim.printed.length;
    const second = await printPassbook(account, first.passbookNumber);
    expect(second).toMatchObject({ outcome: 'complete', issued: false, passbookNumber: first.passbookNumber, printed: 1, printedThrough: 6, cursor: { page: 2, line: 3 } });
    expect(onPaper(mark2)).toEqual([{ page: 2, slot: SLOT[2], label: 'Versement', credit: '6.000', balance: '21.000' }]);

    const prompted = prompts.length;
    const third = await printPassbook(account);
    expect(third).toMatchObject({ outcome: 'up-to-date', printed: 0, printedThrough: 6 });
    expect(prompts.length).toBe(prompted);
  });

  it('resumes a passbook pulled out halfway: no line lost, none printed twice', async () => {
    const account = await accountWith([1_000, 2_000, 3_000]);
    const mark = sim.printed.length;
    sim.pullOutAtLine(2);
    const stopped = await printPassbook(account);
    expect(stopped).toMatchObject({ outcome: 'removed', printed: 1, printedThrough: 1, remaining: 2, cursor: { page: 1, line: 2 } });
    const resumed = await printPassbook(account);
    expect(resumed).toMatchObject({ outcome: 'complete', printed: 2, printedThrough: 3, remaining: 0, cursor: { page: 1, line: 4 } });
    expect(onPaper(mark)).toEqual([
      { page: 1, slot: SLOT[1], label: 'Versement', credit: '1.000', balance: '1.000' },
      { page: 1, slot: SLOT[2], label: 'Versement', credit: '2.000', balance: '3.000' },
      { page: 1, slot: SLOT[3], label: 'Versement', credit: '3.000', balance: '6.000' },
    ]);
  });

  it('fills the book and says a new one is needed, without asking for the passbook once it is full', async () => {
    const account = await accountWith([100, 200, 300, 400, 500, 600, 700, 800, 900]);
    const full = await printPassbook(account);
    expect(full).toMatchObject({ outcome: 'book-full', printed: 8, printedThrough: 8, remaining: 1, cursor: { page: 3, line: 1 } });
    const prompted = prompts.length;
    expect(await printPassbook(account)).toMatchObject({ outcome: 'book-full', printed: 0, remaining: 1 });
    expect(prompts.length).toBe(prompted);
  });

  it('reprints lines at their own places with a supervisor’s approval, audited, and the cursor stays', async () => {
    const account = await accountWith([1_000, 2_000, 3_000, 4_000, 5_000, 6_000]);
    await printPassbook(account);
    const asClerk = await fixture.call('savings.reprintPassbook', { accountNumber: account, fromPage: 1, fromLine: 3 }, till.clerk);
    expect(errorCode(asClerk)).toBe('APPROVAL_REQUIRED');
    const byAnotherClerk = await fixture.call('savings.reprintPassbook', { accountNumber: account, fromPage: 1, fromLine: 3 }, till.clerk, { username: 'omar', secret: '4321' });
    expect(errorCode(byAnotherClerk)).toBe('APPROVAL_REFUSED');

    const mark = sim.printed.length;
    const approved = await fixture.call('savings.reprintPassbook', { accountNumber: account, fromPage: 1, fromLine: 3 }, till.clerk, SUPERVISOR);
    expect(approved.ok && approved.result).toMatchObject({ outcome: 'complete', printed: 4, approver: 'hassan', from: { page: 1, line: 3 } });
    expect(onPaper(mark)).toEqual([
      { page: 1, slot: SLOT[3], label: 'Versement', credit: '3.000', balance: '6.000' },
      { page: 1, slot: SLOT[4], label: 'Versement', credit: '4.000', balance: '10.000' },
      { page: 2, slot: SLOT[1], label: 'Versement', credit: '5.000', balance: '15.000' },
      { page: 2, slot: SLOT[2], label: 'Versement', credit: '6.000', balance: '21.000' },
    ]);
    expect((await fixture.ok('savings.account', { accountNumber: account }, till.clerk)).passbook).toMatchObject({ page: 2, line: 3, printedThrough: 6 });
    const audit = await fixture.ok('audit.list', { limit: 20, action: 'savings.passbook.reprint' }, supervisor);
    expect(audit[0]).toMatchObject({ actor: 'amina', outcome: 'ok', details: { approver: 'hassan', fromPage: 1, fromLine: 3, printed: 4 } });

    // Nothing is printed yet at page 2 line 3: nothing to reprint there.
    const empty = await fixture.call('savings.reprintPassbook', { accountNumber: account, fromPage: 2, fromLine: 3 }, supervisor);
    expect(rule(empty)).toBe('passbook-line-not-printed');
  });

  it('blocks a lost passbook, refuses it when presented, and starts the new one with the balance brought forward', async () => {
    const account = await accountWith([1_000, 2_000, 3_000]);
    const old = await printPassbook(account);
    await deposit(account, [4_000]);

    const unapproved = await fixture.call('savings.reportLostPassbook', { accountNumber: account, operationId: uuid7() }, till.clerk);
    expect(errorCode(unapproved)).toBe('APPROVAL_REQUIRED');
    const operationId = uuid7();
    const reported = await fixture.call('savings.reportLostPassbook', { accountNumber: account, operationId }, till.clerk, SUPERVISOR);
    if (!reported.ok) throw new Error(reported.error.message);
    const replacement = reported.result as { passbookNumber: string; lostPassbook: string; broughtForwardThrough: number; replayed: boolean };
    expect(replacement).toMatchObject({ lostPassbook: old.passbookNumber, broughtForwardThrough: 3, replayed: false, approver: 'hassan' });
    expect(replacement.passbookNumber).not.toBe(old.passbookNumber);
    // Asked again under the same id: the same new book, not a third one, and the new one stays usable.
    const again = await fixture.call('savings.reportLostPassbook', { accountNumber: account, operationId }, till.clerk, SUPERVISOR);
    expect(again.ok && again.result).toMatchObject({ passbookNumber: replacement.passbookNumber, replayed: true });

    const presented = await fixture.call('savings.printPassbook', { accountNumber: account, passbookNumber: old.passbookNumber }, till.clerk);
    expect(errorCode(presented)).toBe('RULE_BROKEN');
    expect(!presented.ok && presented.error.details).toMatchObject({ rule: 'passbook-lost', replacedBy: replacement.passbookNumber });
    const trail = await fixture.ok('audit.list', { limit: 5, action: 'savings.passbook.lostPresented' }, supervisor);
    expect(trail[0]).toMatchObject({ subject: old.passbookNumber, outcome: 'refused' });

    const mark = sim.printed.length;
    const fresh = await printPassbook(account, replacement.passbookNumber);
    expect(fresh).toMatchObject({ outcome: 'complete', issued: false, printed: 2, printedThrough: 4, cursor: { page: 1, line: 3 } });
    expect(fresh.lines.map((line) => line.kind)).toEqual(['brought-forward', 'deposit']);
    expect(onPaper(mark)).toEqual([
      { page: 1, slot: SLOT[1], label: 'Report solde', credit: '6.000', balance: '6.000' },
      { page: 1, slot: SLOT[2], label: 'Versement', credit: '4.000', balance: '10.000' },
    ]);

    // The brought-forward line has its place too: a reprint from page 1 line 1 finds it there.
    const mark2 = sim.printed.length;
    const reprinted = await fixture.call('savings.reprintPassbook', { accountNumber: account, fromPage: 1, fromLine: 1 }, supervisor);
    expect(reprinted.ok && reprinted.result).toMatchObject({ printed: 2, outcome: 'complete' });
    expect(onPaper(mark2)).toEqual(onPaper(mark).slice(0, 2));
  });

  it('prints only what head office credited and says how many deposits still wait for it', async () => {
    const account = await accountWith([1_000]);
    await printPassbook(account);
    // Head office busy with the account: the branch's push of the next deposit waits behind this lock.
    const staff = await ho.connectAs('postgres');
    await staff.query('BEGIN');
    await staff.query('SELECT 1 FROM ho.savings_accounts WHERE account_number = $1 FOR UPDATE', [account]);
    try {
      await fixture.ok('savings.deposit', { operationId: uuid7(), sessionId: till.sessionId, accountNumber: account, amount: djf(2_500) }, till.clerk);
      const result = await printPassbook(account);
      expect(result).toMatchObject({ outcome: 'up-to-date', printed: 0, waitingDeposits: { count: 1, amount: djf(2_500) } });
      const statement = await fixture.ok('savings.statement', { accountNumber: account, print: false }, till.clerk);
      expect(statement).toMatchObject({ totalLines: 1, waitingDeposits: { count: 1 } });
    } finally {
      await staff.query('ROLLBACK');
    }
    await sync();
    const credited = await printPassbook(account);
    expect(credited).toMatchObject({ outcome: 'complete', printed: 1, waitingDeposits: { count: 0 } });
    expect(credited.lines.map((line) => line.balance.minor)).toEqual([3_500]);
  });

  it('takes one print per account at a time', async () => {
    const account = await accountWith([1_000]);
    customer = 'waits';
    const waiting = prompts.length;
    const first = printPassbook(account);
    try {
      for (let i = 0; i < 100 && !prompts.slice(waiting).some((p) => p.state === 'insert'); i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
      const second = await fixture.call('savings.printPassbook', { accountNumber: account }, till.clerk);
      expect(rule(second)).toBe('passbook-printing');
    } finally {
      customer = 'inserts';
      sim.insert(1);
    }
    expect(await first).toMatchObject({ outcome: 'complete', printed: 1 });
  });

  it('refuses without head office, with the reason, and prints nothing', async () => {
    const account = await accountWith([1_000]);
    const mark = sim.printed.length;
    proxy.setDown(true);
    try {
      for (let i = 0; i < 50 && fixture.counter.status().headOffice?.state === 'online'; i += 1) {
        await fixture.call('replication.syncNow', {}, till.clerk);
      }
      const print = await fixture.call('savings.printPassbook', { accountNumber: account }, till.clerk);
      expect(errorCode(print)).toBe('RULE_BROKEN');
      expect(rule(print)).toBe('passbook-needs-head-office');
      const statement = await fixture.call('savings.statement', { accountNumber: account, print: true }, till.clerk);
      expect(rule(statement)).toBe('statement-needs-head-office');
      // Blocking a lost book does not wait for the link.
      const lost = await fixture.call('savings.reportLostPassbook', { accountNumber: account, operationId: uuid7() }, supervisor);
      expect(lost.ok).toBe(true);
    } finally {
      proxy.setDown(false);
    }
    expect(sim.printed.length).toBe(mark);
    await sync();
  });

  it('refuses bad input, unknown books and accounts, and roles that do not serve customers', async () => {
    const account = await accountWith([1_000]);
    const other = await accountWith([1_000]);
    const otherBook = (await printPassbook(other)).passbookNumber;
    const cases: Array<[string, unknown, string | null, string | null]> = [
      ['savings.printPassbook', { accountNumber: 'DJ1' }, 'INVALID_INPUT', null],
      ['savings.printPassbook', { accountNumber: account, extra: 1 }, 'INVALID_INPUT', null],
      ['savings.printPassbook', { accountNumber: account, passbookNumber: 'DJ-DEMO-L\u202e1' }, 'INVALID_INPUT', null],
      ['savings.printPassbook', { accountNumber: account, passbookNumber: 'DJ-DEMO-L999999' }, 'NOT_FOUND', 'passbook-unknown'],
      ['savings.printPassbook', { accountNumber: account, passbookNumber: otherBook }, 'RULE_BROKEN', 'passbook-other-account'],
      ['savings.printPassbook', { accountNumber: 'DJ99999990' }, 'NOT_FOUND', 'unknown-account'],
      ['savings.reprintPassbook', { accountNumber: account, fromPage: 0, fromLine: 1 }, 'INVALID_INPUT', null],
      ['savings.reprintPassbook', { accountNumber: account, fromPage: 1, fromLine: 1 }, 'NOT_FOUND', 'no-passbook'],
      ['savings.reportLostPassbook', { accountNumber: account, operationId: 'not-a-uuid' }, 'INVALID_INPUT', null],
      ['savings.statement', { accountNumber: account }, 'INVALID_INPUT', null],
    ];
    for (const [method, input, code, expected] of cases) {
      const response = await fixture.call(method, input, supervisor);
      expect([method, JSON.stringify(input), errorCode(response), rule(response) ?? null]).toEqual([method, JSON.stringify(input), code, expected]);
    }
    for (const method of ['savings.printPassbook', 'savings.statement', 'savings.reportLostPassbook', 'savings.reprintPassbook']) {
      expect(errorCode(await fixture.call(method, { accountNumber: account }, technician))).toBe('FORBIDDEN_ROLE');
    }
    // Approved by someone who is not a supervisor: refused before anything is blocked.
    const refused = await fixture.call('savings.reportLostPassbook', { accountNumber: other, operationId: uuid7() }, till.clerk, { username: 'hassan', secret: '0000' });
    expect(errorCode(refused)).toBe('APPROVAL_REFUSED');
    expect((await fixture.ok('savings.account', { accountNumber: other }, till.clerk)).passbook).toMatchObject({ number: otherBook, status: 'active' });
  });
});
