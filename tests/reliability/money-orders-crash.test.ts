// SIGKILL a counter paying money orders against a real PostgreSQL head office (through the loopback
// proxy), at chosen places — never after a wall-clock delay (the savings crash test's pattern, smaller):
// - between head office's lock and the branch's booking of its answer: the reply is held in the
//   proxy, and the counter is killed once head office has durably answered (its operation row);
// - a few milliseconds after an answer, with a lock's reply lost (cut) earlier in the life.
// Restarted on the same data folder each time, then settled: every payment is posted once or voided
// once, never both, handed over only when confirmed; head office settled exactly the orders the
// branch paid, each once, and raised no alarm.
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSFER_FLAG } from '../../electron/services/ledger/transfer-phase';
import { startMoneyOrdersCounter, startMoneyOrdersWorld, type MoneyOrdersWorld } from '../support/money-orders-counter';
import { eventually } from '../support/savings-counter';
import { makeTempDir } from '../support/temp-dir';
import { bundleCrashChild, ROOT } from './crash-child';

const ROUNDS = 3;
type Kill = 'lock-answered' | 'after-answer';
const KILLS: Kill[] = ['lock-answered', 'after-answer'];
const ORDERS = 24;

interface Life {
  paid: string[];
  intents: Array<{ id: string; number: string }>;
  /** The payment head office had locked when the counter died waiting for the answer. */
  answeredUnheard: string | null;
}

const temp = makeTempDir('money-orders-crash-');
let world: MoneyOrdersWorld;
const orders: Array<{ number: string; secret: string }> = [];
let bundle = '';
let databaseFile = '';

beforeAll(async () => {
  world = await startMoneyOrdersWorld(['DJ-DEMO']);
  // The branch, Amina's open till with cash, and the orders to pay, set up once (issued here, at head office at once).
  const setup = await startMoneyOrdersCounter(world, 'DJ-DEMO', { dataDir: temp.dir });
  await setup.cashIn(500_000);
  for (let i = 0; i < ORDERS; i += 1) {
    const issued = await setup.issue(1_000 + i, { payee: { name: 'HASSAN OMAR', document: { type: 'passport', number: 'P1234567', country: 'DJI' } } });
    orders.push({ number: issued.number, secret: issued.secret! });
  }
  databaseFile = setup.fixture.counter.databaseFile;
  await setup.close();
  bundle = await bundleCrashChild('money-orders-crash', { packages: 'external' });
}, 300_000);
afterAll(async () => {
  await world?.close();
  temp.remove();
}, 120_000);

const proxy = () => world.branches['DJ-DEMO']!.proxy;

/** Has head office durably answered this operation id (a lock, or a refusal)? */
const headOfficeAnswered = async (operationId: string): Promise<boolean> =>
  (await world.ho.staff.query('SELECT 1 FROM ho.money_order_operations WHERE operation_id = $1', [operationId])).rows.length > 0;

/** One life of the counter: pays until `kill` says so (then SIGKILL), or settles and exits. */
function live(mode: 'trade' | 'settle', kill: Kill | null, afterAnswers: number, toPay: typeof orders): Promise<Life> {
  return new Promise((done, fail) => {
    const args = [bundle, temp.dir, JSON.stringify(world.branches['DJ-DEMO']!.settings), JSON.stringify(toPay), mode];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const life: Life = { paid: [], intents: [], answeredUnheard: null };
    let killed = false;
    let answers = 0;
    let armed = false;
    let buffer = '';
    let errors = '';
    const killNow = () => {
      if (killed) return;
      killed = true;
      child.kill('SIGKILL');
    };
    // Head office answers the armed lock; the proxy keeps the answer; the counter dies waiting.
    const arm = () => {
      armed = true;
      void proxy().dropNextReplyTo('money_order_lock', false);
    };
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const [word, ...rest] = line.split(' ');
        if (word === 'ready' && kill === 'lock-answered' && afterAnswers === 0) arm();
        if (word === 'paid') life.paid.push(rest[0]!);
        if (word === 'done') killNow();
        if (word === 'intent') {
          const [id, number] = rest as [string, string];
          life.intents.push({ id, number });
          if (armed) {
            armed = false;
            void eventually(() => headOfficeAnswered(id), `head office answers ${id}`).then(
              () => {
                life.answeredUnheard = id;
                killNow();
              },
              (error: unknown) => {
                errors += String(error);
                killNow();
              },
            );
          }
        }
        if (word !== 'ack') continue;
        answers += 1;
        // Never trade forever: a life whose place to die did not come ends here.
        if (answers > afterAnswers + 10) killNow();
        if (kill === 'lock-answered' && answers === afterAnswers) arm();
        if (kill === 'after-answer' && answers === afterAnswers + 1) setTimeout(killNow, Math.random() * 15);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code, signal) => {
      proxy().disarm();
      if (mode === 'trade' && signal === 'SIGKILL' && killed) done(life);
      else if (mode === 'settle' && code === 0) done(life);
      else fail(new Error(`child ${mode} ended with ${code ?? signal}: ${errors}`));
    });
  });
}

describe('money-order payments across SIGKILLs of the counter', () => {
  it(`pays each order once or voids the payment, and head office settles exactly what the branch paid, across ${ROUNDS * KILLS.length} kills`, async () => {
    const paid: string[] = [];
    const intents: Array<{ id: string; number: string }> = [];
    const unheard: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const kill of KILLS) {
        const afterAnswers = Math.floor(Math.random() * 2);
        if (kill === 'after-answer') void proxy().dropNextReplyTo('money_order_lock');
        const tried = new Set(intents.map((intent) => intent.number));
        const life = await live('trade', kill, afterAnswers, orders.filter((order) => !tried.has(order.number)));
        paid.push(...life.paid);
        intents.push(...life.intents);
        if (life.answeredUnheard) unheard.push(life.answeredUnheard);
      }
    }
    const settled = await live('settle', null, 0, []);
    paid.push(...settled.paid);

    const db = new Database(databaseFile, { readonly: true });
    try {
      const operations = db
        .prepare("SELECT id, state, counterparty_knows, handed_over_at, request FROM counterparty_operations WHERE kind = 'money-order-payment'")
        .all() as Array<{ id: string; state: string; counterparty_knows: number; handed_over_at: string | null; request: string }>;
      const byId = new Map(operations.map((o) => [o.id, o]));
      expect(operations.length).toBeGreaterThanOrEqual(ROUNDS * KILLS.length);
      // Killed while head office's lock answer was on its way: resumed from `sent`, asked again by the
      // same id, confirmed and handed over once after the restart.
      expect(unheard.length).toBe(ROUNDS);
      const history = db.prepare('SELECT state FROM counterparty_operation_states WHERE operation_id = ? ORDER BY seq').pluck();
      for (const id of unheard) {
        expect(byId.get(id), id).toMatchObject({ state: 'confirmed' });
        expect(byId.get(id)!.handed_over_at).not.toBeNull();
        expect(history.all(id)).toEqual(['prepared', 'sent', 'confirmed']);
      }
      // Paid once: never two hand-overs of one id, and only of a durably confirmed payment.
      expect(new Set(paid).size).toBe(paid.length);
      for (const id of paid) expect(byId.get(id)).toMatchObject({ state: 'confirmed' });

      const pendingOf = db.prepare('SELECT id FROM ledger_transfers WHERE operation_id = ? AND flags = ?').pluck();
      const resolution = db.prepare('SELECT flags, count(*) AS n FROM ledger_transfers WHERE pending_id = ? GROUP BY flags');
      expect(db.prepare('SELECT count(*) FROM counterparty_reconciliations').pluck().get()).toBe(0);
      const paidNumbers: string[] = [];
      for (const operation of operations) {
        expect(['confirmed', 'refused', 'expired', 'cancelled']).toContain(operation.state);
        expect(operation.counterparty_knows).toBe(1);
        const pendingId = pendingOf.get(operation.id, TRANSFER_FLAG.pending) as string;
        // The pending transfer head office was told about is the prepare's first.
        expect(pendingId).toBe(`${operation.id}/1`);
        const byFlag = new Map((resolution.all(pendingId) as Array<{ flags: number; n: number }>).map((r) => [r.flags, r.n]));
        // Posted once or voided once, never both.
        expect([...byFlag.entries()]).toEqual([[operation.state === 'confirmed' ? TRANSFER_FLAG.postPending : TRANSFER_FLAG.voidPending, 1]]);
        // Settled: every confirmed payment was handed over; nothing else was.
        expect(operation.handed_over_at !== null).toBe(operation.state === 'confirmed');
        if (operation.state === 'confirmed') paidNumbers.push((JSON.parse(operation.request) as { number: string }).number);
      }
      // One order, one payment.
      expect(new Set(paidNumbers).size).toBe(paidNumbers.length);

      // Head office: one lock per operation id; the orders paid are exactly the branch's confirmed payments.
      const { rows: locks } = await world.ho.staff.query<{ operation_id: string; status: string }>('SELECT operation_id, status FROM ho.money_order_locks');
      for (const lock of locks) {
        expect(byId.has(lock.operation_id), `head office holds a lock ${lock.operation_id} the branch never prepared`).toBe(true);
        expect(lock.status).toBe(byId.get(lock.operation_id)!.state === 'confirmed' ? 'settled' : 'released');
      }
      const { rows: paidAtHeadOffice } = await world.ho.staff.query<{ number: string }>("SELECT number FROM ho.money_orders WHERE status = 'paid' AND settled_branch = 'DJ-DEMO' ORDER BY number");
      expect(paidAtHeadOffice.map((r) => r.number)).toEqual([...paidNumbers].sort());
      expect((await world.ho.staff.query("SELECT kind, detail FROM ho.alarms WHERE kind LIKE 'money-order-%'")).rows).toEqual([]);
    } finally {
      db.close();
    }
  }, 900_000);
});
