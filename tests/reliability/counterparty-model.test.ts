// A fast-check model of the counterparty frame (DESIGN.md, "Operations with a counterparty"): the
// real frame, resolver and ledger on a real SQLite file, against a counterparty whose link loses
// replies, goes down, holds requests pending and decides them later, with restarts between any two
// steps and the clock running past the holds' expiry. After every step: each operation posted at
// most once, voided at most once, never both; cash handed over only after a durable confirmed.
// At the end, with the link back: every operation resolved and agreeing with the counterparty, or
// a reconciliation item raised for the difference.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError } from '@shared/contract';
import { readOperation } from '../../electron/services/counterparty/counterparty-operations.repository';
import { TRANSFER_FLAG } from '../../electron/services/ledger/transfer-phase';
import { verifyLedger } from '../../electron/services/ledger/verify-ledger';
import { CounterpartyWorld, HOLD_MS, type SendFault } from '../support/counterparty-world';
import { makeTempDir } from '../support/temp-dir';

type Step =
  | { t: 'new'; amount: number; fault: SendFault; decision: 'confirm' | 'refuse' | 'hold'; crashBeforeSend: boolean }
  | { t: 'decide'; pick: number; confirm: boolean }
  | { t: 'link'; up: boolean }
  | { t: 'tick' }
  | { t: 'advance'; ms: number }
  | { t: 'restart' }
  | { t: 'cancel'; pick: number }
  | { t: 'handOver'; pick: number }
  | { t: 'execute'; pick: number };

/**
 * One day that reaches every state, run before the random ones: the coverage check after the
 * property then proves the checks ran on every state, whatever the seed explores besides.
 */
const EVERY_STATE: Step[] = [
  { t: 'new', amount: 100, fault: 'ok', decision: 'confirm', crashBeforeSend: false },
  { t: 'new', amount: 200, fault: 'ok', decision: 'refuse', crashBeforeSend: false },
  { t: 'new', amount: 300, fault: 'ok', decision: 'hold', crashBeforeSend: false },
  { t: 'new', amount: 400, fault: 'lost-reply', decision: 'confirm', crashBeforeSend: false },
  { t: 'new', amount: 500, fault: 'ok', decision: 'confirm', crashBeforeSend: true },
  { t: 'tick' },
  { t: 'link', up: false },
  { t: 'new', amount: 600, fault: 'down', decision: 'hold', crashBeforeSend: false },
  { t: 'advance', ms: HOLD_MS * 2 },
  { t: 'tick' },
  { t: 'link', up: true },
  { t: 'handOver', pick: 0 },
];

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({
    t: fc.constant('new' as const),
    amount: fc.integer({ min: 1, max: 50_000 }),
    fault: fc.constantFrom<SendFault>('ok', 'ok', 'lost-reply', 'down'),
    decision: fc.constantFrom('confirm' as const, 'refuse' as const, 'hold' as const),
    crashBeforeSend: fc.boolean(),
  }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('decide' as const), pick: fc.nat(), confirm: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('link' as const), up: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('tick' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: HOLD_MS * 2 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('restart' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('handOver' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('execute' as const), pick: fc.nat() }) },
);

/** A refusal the frame answers in words is part of the model (cancelling a final operation…). */
async function refusalsAllowed(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
  }
}

function checkOperation(world: CounterpartyWorld, id: string): void {
  const sqlite = world.sqlite;
  const row = readOperation(sqlite, id)!;
  const reservation = sqlite.prepare('SELECT id FROM ledger_transfers WHERE operation_id = ? AND flags = ?').pluck().all(id, TRANSFER_FLAG.pending) as string[];
  expect(reservation.length).toBe(1);
  const posts = sqlite.prepare('SELECT count(*) FROM ledger_transfers WHERE pending_id = ? AND flags = ?').pluck().get(reservation[0], TRANSFER_FLAG.postPending) as number;
  const voids = sqlite.prepare('SELECT count(*) FROM ledger_transfers WHERE pending_id = ? AND flags = ?').pluck().get(reservation[0], TRANSFER_FLAG.voidPending) as number;
  expect(posts).toBeLessThanOrEqual(1);
  expect(voids).toBeLessThanOrEqual(1);
  expect(posts + voids).toBeLessThanOrEqual(1);
  // The ledger and the state say the same thing.
  expect(posts === 1).toBe(row.state === 'confirmed');
  expect(voids === 1).toBe(['refused', 'expired', 'cancelled'].includes(row.state));
  // Cash only after a durable confirmed.
  if (row.handed_over_at !== null) expect(row.state).toBe('confirmed');
}

describe('counterparty frame model', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let world: CounterpartyWorld;
  beforeAll(async () => {
    temp = makeTempDir('counterparty-model-');
    world = await CounterpartyWorld.open(temp.dir);
  });
  afterAll(async () => {
    await world.close();
    temp.remove();
  });

  it('random faults and restarts never post twice, never pay an unknown outcome, and end resolved', async () => {
    // Seeded, so the run is the same on every machine and its coverage check below (every state
    // reached) cannot fail by chance; another seed explores other days: COUNTERPARTY_SEED=<n>.
    const seed = Number(process.env.COUNTERPARTY_SEED ?? 20261207);
    console.log(`counterparty model seed ${seed} (replay: COUNTERPARTY_SEED=${seed} npx vitest run --project reliability counterparty-model)`);
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 30 }), async (steps) => {
        runs += 1;
        world.restart();
        world.linkUp = true;
        const ids: string[] = [];
        const pick = (n: number): string => ids[n % ids.length]!;
        for (const s of steps) {
          switch (s.t) {
            case 'new': {
              world.book.decide = () => s.decision;
              const prepared = world.prepare(s.amount);
              ids.push(prepared.operationId);
              if (s.crashBeforeSend) {
                world.restart();
                break;
              }
              world.nextSend = s.fault;
              const view = await world.frame.execute(prepared.operationId, 'amina');
              // The window pays only on what the frame answered; an unknown pays nothing.
              if (view.state !== 'confirmed') expect(view.mayPayOut).toBe(false);
              if (s.fault !== 'ok' && world.linkUp) expect(view.state).toBe('unknown');
              break;
            }
            case 'decide':
              if (world.book.pendingIds().length > 0) {
                const pending = world.book.pendingIds();
                world.book.settlePending(pending[s.pick % pending.length]!, s.confirm ? 'confirm' : 'refuse');
              }
              break;
            case 'link':
              world.linkUp = s.up;
              break;
            case 'tick':
              await world.resolveDue();
              break;
            case 'advance':
              world.now += s.ms;
              break;
            case 'restart':
              world.restart();
              break;
            case 'cancel':
              if (ids.length > 0) await refusalsAllowed(() => world.frame.cancel(pick(s.pick), 'amina'));
              break;
            case 'handOver':
              if (ids.length > 0) {
                const id = pick(s.pick);
                const allowed = world.frame.mayPayOut(id);
                let paid = true;
                await world.frame.handOver(id, 'amina').catch((error: unknown) => {
                  if (!(error instanceof ContractError)) throw error;
                  paid = false;
                });
                expect(paid).toBe(allowed);
              }
              break;
            case 'execute':
              if (ids.length > 0) await world.frame.execute(pick(s.pick), 'amina');
              break;
            default:
              throw new Error(`step ${JSON.stringify(s satisfies never)}`);
          }
          for (const id of ids) checkOperation(world, id);
        }

        // The counterparty answers again and decides what it held; time runs past every hold.
        world.linkUp = true;
        world.restart();
        for (const id of world.book.pendingIds()) world.book.settlePending(id, 'confirm');
        world.now += HOLD_MS * 3;
        for (let i = 0; i < 50 && (await world.resolveDue()) > 0; i += 1) world.now += 1_000;
        expect(world.frame.due(10)).toEqual([]);
        for (const id of ids) {
          checkOperation(world, id);
          const row = readOperation(world.sqlite, id)!;
          expect(['confirmed', 'refused', 'expired', 'cancelled']).toContain(row.state);
          expect(row.counterparty_knows).toBe(1);
          const truth = world.book.entries.get(id)?.state ?? 'never-received';
          const agrees = (truth === 'confirmed') === (row.state === 'confirmed');
          const item = world.sqlite.prepare('SELECT counterparty_says FROM counterparty_reconciliations WHERE operation_id = ?').pluck().get(id);
          // Agreeing, or the difference is a reconciliation item a supervisor settles.
          if (!agrees) expect(item).toBe(truth === 'confirmed' ? 'confirmed' : truth === 'refused' ? 'refused' : 'expired');
          else expect(item).toBeUndefined();
        }
      }),
      { numRuns: 60, seed, examples: [[EVERY_STATE]] },
    );
    expect(runs).toBe(60);
    // The random days reached every state and the contrary case, or the checks above proved little.
    const seen = world.sqlite.prepare('SELECT DISTINCT state FROM counterparty_operation_states').pluck().all();
    expect(seen).toEqual(expect.arrayContaining(['prepared', 'sent', 'pending', 'confirmed', 'refused', 'expired', 'unknown', 'cancelled']));
    const handedOver = world.sqlite.prepare('SELECT count(*) FROM counterparty_operations WHERE handed_over_at IS NOT NULL').pluck().get() as number;
    expect(handedOver).toBeGreaterThan(0);
    expect(verifyLedger(world.sqlite, { journal: world.ledger.journal }).ok).toBe(true);
  });
});
