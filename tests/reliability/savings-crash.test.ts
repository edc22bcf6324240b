// SIGKILL a counter paying savings withdrawals against a real PostgreSQL head office (through the
// loopback proxy) and a receipt printer on loopback TCP, at chosen places — never after a
// wall-clock delay:
// - between head office's reserve and the branch's booking of its answer: the reply is held in
//   the proxy, and the counter is killed once head office has durably answered (its operation row);
// - between the booking and the print/drawer: the printer switched off, killed on the paid answer;
// - right after the drawer pulse reached the printer, before the receipt;
// - a few milliseconds after an answer, with a reply lost (cut) earlier in the life.
// Restarted on the same data folder each time, then settled: every withdrawal is paid once or voided,
// never both; the drawer never opened for an outcome not durably confirmed; head office holds each
// operation id once and its postings are the branch's.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrinterServer } from '../../electron/services/devices/simulators/printer-server';
import { TRANSFER_FLAG } from '../../electron/services/ledger/transfer-phase';
import { accountAtHeadOffice, eventually, startSavingsCounter, startSavingsHeadOffice, type OpenedAccount, type SavingsHeadOffice } from '../support/savings-counter';
import { TEST_PRODUCT } from '../support/savings-world';
import { makeTempDir } from '../support/temp-dir';
import { bundleCrashChild, ROOT } from './crash-child';

const ROUNDS = 3;
const OPENING = 500_000;
const DRAWER_PULSE = Buffer.of(0x1b, 0x70, 0x00, 0x19, 0xfa);
const UNLIMITED = { basic: 100_000_000 };

type Kill = 'reserve-answered' | 'printer-off' | 'at-drawer' | 'after-answer';
const KILLS: Kill[] = ['reserve-answered', 'printer-off', 'at-drawer', 'after-answer'];

interface Life {
  paid: string[];
  intents: string[];
  killed: Kill | null;
  /** The withdrawal head office had answered when the counter died waiting for the answer. */
  answeredUnheard: string | null;
}

const temp = makeTempDir('savings-crash-');
const printer = new PrinterServer();
let world: SavingsHeadOffice;
let accounts: OpenedAccount[];
let bundle = '';
let databaseFile = '';
/** Drawer pulses the printer received; each is matched to a hand-over durably booked before it arrived. */
let pulses = 0;
const unmatchedPulses: string[] = [];
/** Hand-overs a pulse was matched to, or made in an earlier life (a restarted counter never opens the drawer for them). */
const matched = new Set<string>();

const handedOverIds = (): string[] => {
  const db = new Database(databaseFile, { readonly: true });
  try {
    return db.prepare('SELECT id FROM counterparty_operations WHERE handed_over_at IS NOT NULL ORDER BY handed_over_at, id').pluck().all() as string[];
  } finally {
    db.close();
  }
};

/** A pulse: the oldest hand-over of this life without its pulse yet is its cause; none means the drawer opened for nothing paid. */
function matchPulse(): void {
  pulses += 1;
  const cause = handedOverIds().find((id) => !matched.has(id));
  if (cause) matched.add(cause);
  else unmatchedPulses.push(`pulse ${pulses} with no hand-over booked before it`);
}

beforeAll(async () => {
  world = await startSavingsHeadOffice({ ...TEST_PRODUCT, max_balance: UNLIMITED, daily_withdrawal_limit: UNLIMITED, monthly_withdrawal_limit: UNLIMITED });
  await printer.start();
  // The branch, Amina's open till, two funded accounts and the receipt printer, set up once.
  const setup = await startSavingsCounter(world, { dataDir: temp.dir });
  accounts = [await setup.openedAccount('DJ300001', OPENING), await setup.openedAccount('DJ300002', OPENING)];
  const technician = await setup.fixture.signIn('ismail', '9012');
  await setup.fixture.ok('devices.save', { id: 'receipt', name: 'Tickets', kind: 'receipt-printer', transport: { type: 'tcp', host: '127.0.0.1', port: printer.port } }, technician);
  databaseFile = setup.fixture.counter.databaseFile;
  await setup.close();
  printer.on('job', (job) => {
    if (job.bytes.equals(DRAWER_PULSE)) matchPulse();
  });
  bundle = await bundleCrashChild('savings-crash', { packages: 'external' });
}, 300_000);
afterAll(async () => {
  await printer.stop();
  await world?.close();
  temp.remove();
}, 120_000);

/** Has head office durably answered this operation id (a hold, or a refusal)? */
const headOfficeAnswered = async (operationId: string): Promise<boolean> =>
  (await world.ho.staff.query('SELECT 1 FROM ho.savings_operations WHERE operation_id = $1', [operationId])).rows.length > 0;

/** One life of the counter: trades until `kill` says so (then SIGKILL), or settles and exits. */
function live(mode: 'trade' | 'settle', kill: Kill | null, afterAnswers: number): Promise<Life> {
  for (const id of handedOverIds()) matched.add(id);
  const printerOn = kill !== 'printer-off';
  return new Promise((done, fail) => {
    const args = [bundle, temp.dir, JSON.stringify(world.settings), JSON.stringify(accounts), mode, printerOn ? 'printer-on' : 'printer-off'];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const life: Life = { paid: [], intents: [], killed: null, answeredUnheard: null };
    let answers = 0;
    let armed = false;
    let buffer = '';
    let errors = '';
    const killNow = () => {
      if (life.killed) return;
      life.killed = kill;
      child.kill('SIGKILL');
    };
    const onPulse = (job: { bytes: Buffer }) => {
      if (kill === 'at-drawer' && answers >= afterAnswers && job.bytes.equals(DRAWER_PULSE)) killNow();
    };
    printer.on('job', onPulse);
    // Head office answers the armed reserve; the proxy keeps the answer; the counter dies waiting.
    const arm = () => {
      armed = true;
      void world.proxy.dropNextReplyTo('savings_reserve', false);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, ...rest] = line.split(' ');
        const id = rest.at(-1) ?? '';
        if (word === 'ready' && kill === 'reserve-answered' && afterAnswers === 0) arm();
        if (word === 'paid') {
          life.paid.push(id);
          if (kill === 'printer-off' && answers >= afterAnswers) killNow();
        }
        if (word === 'intent') {
          life.intents.push(id);
          if (armed) {
            armed = false;
            void eventually(() => headOfficeAnswered(id), `head office answers ${id}`).then(() => {
              life.answeredUnheard = id;
              killNow();
            }, (error: unknown) => {
              errors += String(error);
              killNow();
            });
          }
        }
        if (word !== 'ack') continue;
        answers += 1;
        // Never trade forever: a life whose place to die did not come (no paid answer, say) ends here.
        if (answers > afterAnswers + 30) killNow();
        if (kill === 'reserve-answered' && answers === afterAnswers) arm();
        if (kill === 'after-answer' && answers === afterAnswers + 1) setTimeout(killNow, Math.random() * 15);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code, signal) => {
      printer.off('job', onPulse);
      world.proxy.disarm();
      if (mode === 'trade' && signal === 'SIGKILL' && life.killed) done(life);
      else if (mode === 'settle' && code === 0) done(life);
      else fail(new Error(`child ${mode} ended with ${code ?? signal}: ${errors}`));
    });
  });
}

describe('savings withdrawals across SIGKILLs of the counter', () => {
  it(`pays each withdrawal once or voids it, opens the drawer only for a durable hand-over, and head office agrees, across ${ROUNDS * KILLS.length} kills`, async () => {
    const paid: string[] = [];
    const intents: string[] = [];
    const unheard: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const kill of KILLS) {
        const afterAnswers = Math.floor(Math.random() * 3);
        if (kill === 'printer-off') await printer.stop();
        // A life killed a few milliseconds after an answer also lost one reserve's reply earlier.
        if (kill === 'after-answer') void world.proxy.dropNextReplyTo('savings_reserve');
        try {
          const life = await live('trade', kill, afterAnswers);
          paid.push(...life.paid);
          intents.push(...life.intents);
          if (life.answeredUnheard) unheard.push(life.answeredUnheard);
        } finally {
          if (kill === 'printer-off') await printer.start();
        }
      }
    }
    const settled = await live('settle', null, 0);
    paid.push(...settled.paid);

    const db = new Database(databaseFile, { readonly: true });
    try {
      const operations = db
        .prepare("SELECT id, state, counterparty_knows, handed_over_at, amount, request FROM counterparty_operations WHERE kind = 'savings-withdrawal'")
        .all() as Array<{ id: string; state: string; counterparty_knows: number; handed_over_at: string | null; amount: number; request: string }>;
      expect(operations.length).toBeGreaterThanOrEqual(ROUNDS * KILLS.length);
      // Every withdrawal the window was asked for is accounted for (one killed before its prepare committed may be missing).
      const prepared = new Set(operations.map((o) => o.id));
      const byId = new Map(operations.map((o) => [o.id, o]));
      expect(intents.filter((id) => !prepared.has(id)).length).toBeLessThanOrEqual(ROUNDS * KILLS.length);
      const states = new Set(db.prepare("SELECT DISTINCT s.state FROM counterparty_operation_states s JOIN counterparty_operations o ON o.id = s.operation_id WHERE o.kind = 'savings-withdrawal'").pluck().all());
      expect([...states]).toEqual(expect.arrayContaining(['prepared', 'sent', 'unknown', 'confirmed']));

      // Killed while head office's answer was on its way: resumed from `sent`, asked again by the
      // same id, confirmed and handed over once after the restart.
      expect(unheard.length).toBe(ROUNDS);
      const history = db.prepare('SELECT state FROM counterparty_operation_states WHERE operation_id = ? ORDER BY seq').pluck();
      for (const id of unheard) {
        expect(byId.get(id), id).toMatchObject({ state: 'confirmed' });
        expect(byId.get(id)!.handed_over_at).not.toBeNull();
        expect(history.all(id)).toEqual(['prepared', 'sent', 'confirmed']);
      }

      // Paid once: never two hand-overs of one id, and only of a durably confirmed withdrawal.
      expect(new Set(paid).size).toBe(paid.length);
      for (const id of paid) expect(byId.get(id)).toMatchObject({ state: 'confirmed' });

      const reservation = db.prepare('SELECT id FROM ledger_transfers WHERE operation_id = ? AND flags = ?').pluck();
      const resolution = db.prepare('SELECT flags, count(*) AS n FROM ledger_transfers WHERE pending_id = ? GROUP BY flags');
      const receipts = db.prepare("SELECT count(*) FROM print_jobs WHERE reference = ? AND status = 'printed'").pluck();
      const reconciliations = db.prepare('SELECT count(*) FROM counterparty_reconciliations').pluck().get();
      expect(reconciliations).toBe(0);
      const confirmedPerAccount = new Map<string, number>();
      for (const operation of operations) {
        expect(['confirmed', 'refused', 'expired', 'cancelled']).toContain(operation.state);
        expect(operation.counterparty_knows).toBe(1);
        const pendingId = reservation.get(operation.id, TRANSFER_FLAG.pending) as string;
        const byFlag = new Map((resolution.all(pendingId) as Array<{ flags: number; n: number }>).map((r) => [r.flags, r.n]));
        // Posted once or voided once, never both.
        expect([...byFlag.entries()]).toEqual([[operation.state === 'confirmed' ? TRANSFER_FLAG.postPending : TRANSFER_FLAG.voidPending, 1]]);
        // Settled: every confirmed withdrawal was handed over, with its one receipt printed; nothing else was.
        expect(operation.handed_over_at !== null).toBe(operation.state === 'confirmed');
        expect(receipts.get(operation.id)).toBe(operation.state === 'confirmed' ? 1 : 0);
        if (operation.state === 'confirmed') {
          const { accountNumber } = JSON.parse(operation.request) as { accountNumber: string };
          confirmedPerAccount.set(accountNumber, (confirmedPerAccount.get(accountNumber) ?? 0) + operation.amount);
        }
      }

      // The drawer: each pulse came after a durable hand-over of the same life (never for an unknown
      // outcome, never again for one paid before a restart), at most one per hand-over.
      const handedOver = operations.filter((o) => o.handed_over_at !== null).length;
      expect(pulses).toBeGreaterThan(0);
      expect(unmatchedPulses).toEqual([]);
      expect(pulses).toBeLessThanOrEqual(handedOver);

      // Head office: one hold per operation id, posted exactly for the branch's confirmed withdrawals.
      const { rows: holds } = await world.ho.staff.query<{ operation_id: string; status: string; holds: string; lines: string }>(
        `SELECT h.operation_id, min(h.status) AS status, count(*) AS holds,
                (SELECT count(*) FROM ho.savings_lines l WHERE l.operation_id = h.operation_id AND l.kind = 'withdrawal') AS lines
           FROM ho.savings_holds h GROUP BY h.operation_id`,
      );
      const heldAt = new Map(holds.map((h) => [h.operation_id, h]));
      for (const operation of operations) {
        const hold = heldAt.get(operation.id);
        if (hold) expect(Number(hold.holds)).toBe(1);
        if (operation.state === 'confirmed') expect(hold, operation.id).toMatchObject({ status: 'posted', lines: '1' });
        else if (hold) expect(['released', 'expired']).toContain(hold.status);
      }
      for (const hold of holds) expect(byId.has(hold.operation_id), `head office holds ${hold.operation_id} the branch never prepared`).toBe(true);
      for (const account of accounts) {
        expect(await accountAtHeadOffice(world.ho, account.accountNumber)).toEqual({ balance: OPENING - (confirmedPerAccount.get(account.accountNumber) ?? 0), held: 0 });
      }
      expect((await world.ho.staff.query('SELECT ho.savings_check_balances() AS r')).rows[0]).toEqual({ r: [] });
      expect((await world.ho.staff.query("SELECT kind, detail FROM ho.alarms WHERE kind LIKE 'savings-%'")).rows).toEqual([]);
    } finally {
      db.close();
    }
  }, 900_000);
});
