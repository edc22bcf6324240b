// A full passbook renewed, through the router, against a real head office and the passbook
// simulator speaking ESC/P on loopback TCP: the full book kept as `full` and refused when
// presented, the new book opening with the balance brought forward, a book with room refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PassbookPrintProgress, PassbookPrintResult, PassbookRenewal } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { PassbookSimulator, type PrintedPassbookLine } from '../../../electron/services/devices/simulators/passbook-simulator';
import { errorCode } from '../../support/counter-fixture';
import { djf, rule, startSavingsWindow, type SavingsWindow } from '../../support/savings-window';

// A small book: 2 pages of 4 lines, 2 blank slots on top, so nine lines overflow it.
const LAYOUT = { pages: 2, linesPerPage: 4, topMarginLines: 2, foldAfterLine: 0, foldSkipLines: 0 };

let w: SavingsWindow;
let sim: PassbookSimulator;

beforeAll(async () => {
  w = await startSavingsWindow();
  sim = new PassbookSimulator('epson-escp');
  await sim.listen();
  // The customer inserts the book (or turns the page) whenever the printer asks.
  w.fixture.counter.subscribe(({ event, payload }) => {
    if (event !== 'passbook.progress') return;
    const progress = payload as PassbookPrintProgress;
    if (progress.state === 'insert' || progress.state === 'turn-page') setTimeout(() => sim.insert(progress.page), 100);
  });
}, 240_000);
afterAll(async () => {
  await w?.close();
  await sim?.stop();
}, 120_000);

/** An account whose opening deposit and these deposits are credited at head office. */
async function accountWith(documentNumber: string, opening: number, deposits: number[]): Promise<string> {
  const { accountNumber } = await w.openAccount(documentNumber, opening);
  for (const amount of deposits) await w.fixture.ok('savings.deposit', { operationId: uuid7(), sessionId: w.till.sessionId, accountNumber, amount: djf(amount) }, w.clerk);
  await w.sync();
  return accountNumber;
}

const printPassbook = (accountNumber: string, passbookNumber?: string): Promise<PassbookPrintResult> =>
  w.fixture.ok('savings.printPassbook', passbookNumber ? { accountNumber, passbookNumber } : { accountNumber }, w.clerk);
const renew = (accountNumber: string, operationId = uuid7(), passbookNumber?: string) =>
  w.fixture.call('savings.renewPassbook', passbookNumber ? { accountNumber, operationId, passbookNumber } : { accountNumber, operationId }, w.clerk);
const onPaper = (mark: number) =>
  sim.printed.slice(mark).map((line: PrintedPassbookLine) => ({ page: line.page, label: line.text.slice(9, 31).trim(), balance: line.text.slice(58, 71).trim() }));

describe('a full passbook', () => {
  it('is refused for renewal where no passbook printer can tell it is full', async () => {
    const account = await accountWith('DJ400001', 1_000, []);
    await printPassbook(account); // the mini statement issues the first book
    expect(rule(await renew(account))).toBe('no-passbook-printer');
  });

  it('is kept as full, refused when presented, and the new book opens with the balance brought forward', async () => {
    const technician = await w.fixture.signIn('ismail', '9012');
    await w.fixture.ok(
      'devices.save',
      { id: 'passbook', kind: 'passbook-printer', name: 'Livrets', transport: { type: 'tcp', host: '127.0.0.1', port: sim.port }, model: 'epson-escp', layout: LAYOUT, insertTimeoutMs: 20_000 },
      technician,
    );
    for (let i = 0; i < 100 && w.fixture.counter.devices?.statusOf('passbook')?.power !== 'online'; i += 1) await new Promise((resolve) => setTimeout(resolve, 100));

    // A book with room left is not renewed: its lines would go missing from paper.
    const roomy = await accountWith('DJ400002', 1_000, [2_000]);
    await printPassbook(roomy);
    const notFull = await renew(roomy);
    expect(!notFull.ok && notFull.error.details).toMatchObject({ rule: 'passbook-not-full', room: 6 });

    // Nine lines: 1,000 then eight of 100… the book takes eight.
    const account = await accountWith('DJ400003', 1_000, [100, 200, 300, 400, 500, 600, 700, 800]);
    const full = await printPassbook(account);
    expect(full).toMatchObject({ outcome: 'book-full', printed: 8, printedThrough: 8, remaining: 1 });

    const operationId = uuid7();
    const renewed = await renew(account, operationId, full.passbookNumber);
    if (!renewed.ok) throw new Error(renewed.error.message);
    const renewal = renewed.result as PassbookRenewal;
    expect(renewal).toMatchObject({ accountNumber: account, fullPassbook: full.passbookNumber, broughtForwardThrough: 8, replayed: false });
    expect(renewal.passbookNumber).not.toBe(full.passbookNumber);
    // Once per operation id: the same new book again, not a third.
    const again = await renew(account, operationId, full.passbookNumber);
    expect(again.ok && again.result).toMatchObject({ passbookNumber: renewal.passbookNumber, replayed: true });
    // The new book is not full: renewing it again is refused.
    expect(rule(await renew(account))).toBe('passbook-not-full');

    const books = w.read((db) => db.prepare('SELECT number, status, full_by FROM savings_passbooks WHERE account_number = ? ORDER BY issued_at, number').all(account));
    expect(books).toEqual([
      { number: full.passbookNumber, status: 'full', full_by: 'amina' },
      { number: renewal.passbookNumber, status: 'active', full_by: null },
    ]);
    // Journaled as an operation without money.
    expect(w.read((db) => db.prepare('SELECT kind, transfer_count FROM ledger_operations WHERE id = ?').get(operationId))).toEqual({ kind: 'savings-passbook-renewed', transfer_count: 0 });

    const presented = await w.fixture.call('savings.printPassbook', { accountNumber: account, passbookNumber: full.passbookNumber }, w.clerk);
    expect(errorCode(presented)).toBe('RULE_BROKEN');
    expect(!presented.ok && presented.error.details).toMatchObject({ rule: 'passbook-renewed', replacedBy: renewal.passbookNumber });

    const mark = sim.printed.length;
    const fresh = await printPassbook(account, renewal.passbookNumber);
    expect(fresh).toMatchObject({ outcome: 'complete', printed: 2, printedThrough: 9, remaining: 0, cursor: { page: 1, line: 3 } });
    expect(fresh.lines.map((line) => line.kind)).toEqual(['brought-forward', 'deposit']);
    // The full book's last balance (1,000 + 100 + … + 700 = 3,800), then the line that did not fit.
    expect(onPaper(mark)).toEqual([
      { page: 1, label: 'Report solde', balance: '3.800' },
      { page: 1, label: 'Versement', balance: '4.600' },
    ]);
    expect((await w.fixture.ok('savings.account', { accountNumber: account }, w.clerk)).passbook).toMatchObject({ number: renewal.passbookNumber, status: 'active', printedThrough: 9 });
  });
});
