import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { submitCount } from '../../electron/services/till/blind-count';
import { paidInOrOut, transferWithSafe } from '../../electron/services/till/cash-movements';
import { moveSafeCash } from '../../electron/services/safe/safe';
import { completeSale } from '../../electron/services/sale/sale';
import { closeTill } from '../../electron/services/till/till-close';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { liveSessionOf } from '../../electron/services/till/till-sessions.repository';
import { voidOperation } from '../../electron/services/till/void-operation';
import { makeTempDir } from '../support/temp-dir';
import { clerk, djf, HASSAN, openLedgerHarness } from './ledger-harness';
import { expectLedgerInvariants } from './ledger-invariants';

const CLERKS = ['amina', 'omar'] as const;
const PRODUCTS = ['STAMP-LOCAL', 'STAMP-INTL', 'ENVELOPE-A4', 'PO-BOX-YEAR'];

type Command =
  | { kind: 'deliver'; amount: number }
  | { kind: 'open'; clerk: number; float: number }
  | { kind: 'sale'; clerk: number; product: number; quantity: number; extra: number }
  | { kind: 'paid'; clerk: number; out: boolean; amount: number }
  | { kind: 'drop'; clerk: number; amount: number; confirm: boolean }
  | { kind: 'topUp'; clerk: number; amount: number; confirm: boolean }
  | { kind: 'void'; pick: number }
  | { kind: 'countClose'; clerk: number; delta: number; disputed: number }
  | { kind: 'retry'; pick: number };

const amount = fc.integer({ min: 1, max: 60_000 });
const who = fc.integer({ min: 0, max: 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ kind: fc.constant('deliver' as const), amount: fc.integer({ min: 1, max: 200_000 }) }),
  fc.record({ kind: fc.constant('open' as const), clerk: who, float: amount }),
  fc.record({ kind: fc.constant('sale' as const), clerk: who, product: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 5 }), extra: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant('sale' as const), clerk: who, product: fc.integer({ min: 0, max: 3 }), quantity: fc.integer({ min: 1, max: 5 }), extra: fc.integer({ min: 0, max: 5_000 }) }),
  fc.record({ kind: fc.constant('paid' as const), clerk: who, out: fc.boolean(), amount }),
  fc.record({ kind: fc.constant('drop' as const), clerk: who, amount, confirm: fc.boolean() }),
  fc.record({ kind: fc.constant('topUp' as const), clerk: who, amount, confirm: fc.boolean() }),
  fc.record({ kind: fc.constant('void' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('countClose' as const), clerk: who, delta: fc.integer({ min: -3, max: 3 }), disputed: fc.nat({ max: 1 }) }),
  fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }),
);

/**
 * Every random day starts with cash in the safe, an open till and one sale, so
 * the random part spends its steps on voids, counts, closes and retries rather
 * than on refusals of a branch with no cash (the coverage check below once
 * failed on a seed that never opened a till).
 */
const OPENING: Command[] = [
  { kind: 'deliver', amount: 200_000 },
  { kind: 'open', clerk: 0, float: 20_000 },
  { kind: 'sale', clerk: 0, product: 0, quantity: 1, extra: 0 },
];

describe('ledger properties', () => {
  it('random days keep every invariant after every operation', async () => {
    let run = 0;
    // Proof the generator reaches the interesting paths, not only refusals.
    const reached = { sale: 0, void: 0, close: 0, retry: 0 };
    const temp = makeTempDir('ledger-prop-');
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
          const h = await openLedgerHarness(join(temp.dir, `run-${++run}.sqlite`));
          const t = h.tills;
          const done: Array<() => unknown> = [];
          const sales: string[] = [];
          const session = (index: number) => liveSessionOf(t.sqlite, CLERKS[index]!);
          const transfers = () => (t.sqlite.prepare('SELECT count(*) AS n FROM ledger_transfers').get() as { n: number }).n;
          /** Domain refusals are fine (not enough cash, wrong state); anything else is a bug. */
          const attempt = (action: (id: string) => unknown): unknown => {
            // One id per intent, made before the first try: a retry sends the same one.
            const id = uuid7();
            const again = () => action(id);
            try {
              const result = again();
              done.push(again);
              if (result && typeof result === 'object' && 'replayed' in result) expect(result.replayed).toBe(false);
              return result;
            } catch (error) {
              if (error instanceof ContractError) return undefined;
              throw error;
            }
          };
          try {
            for (const c of [...OPENING, ...commands]) {
              const s = 'clerk' in c ? session(c.clerk) : undefined;
              switch (c.kind) {
                case 'deliver':
                  attempt((id) => moveSafeCash(t, HASSAN, 'received', { operationId: id, amount: djf(c.amount) }));
                  break;
                case 'open': {
                  const opened = attempt((id) => openTill(t, HASSAN, { operationId: id, tillId: `G${c.clerk + 1}`, clerk: CLERKS[c.clerk]!, float: djf(c.float) })) as
                    | { result: { pending: Array<{ transferId: string }> } }
                    | undefined;
                  const pendingId = opened?.result.pending[0]?.transferId;
                  if (pendingId) attempt((id) => confirmReceipt(t, clerk(CLERKS[c.clerk]!), { operationId: id, pendingTransferId: pendingId }));
                  break;
                }
                case 'sale': {
                  if (!s) break;
                  const price = [100, 350, 150, 12_000][c.product]! * c.quantity;
                  const sold = attempt((id) =>
                    completeSale(t, clerk(s.clerk), { operationId: id, sessionId: s.id, lines: [{ productCode: PRODUCTS[c.product]!, quantity: c.quantity }], tendered: djf(price + c.extra) }),
                  );
                  if (sold) reached.sale += 1;
                  if (sold) sales.push((sold as { result: { operationId: string } }).result.operationId);
                  break;
                }
                case 'paid':
                  if (s) attempt((id) => paidInOrOut(t, clerk(s.clerk), c.out ? 'paid-out' : 'paid-in', { operationId: id, sessionId: s.id, amount: djf(c.amount), reasonCode: c.out ? 'TRANSPORT' : 'FOUND-CASH' }, 'hassan'));
                  break;
                case 'drop':
                case 'topUp': {
                  if (!s) break;
                  const direction = c.kind === 'drop' ? 'drop' : 'top-up';
                  const actor = c.kind === 'drop' ? clerk(s.clerk) : HASSAN;
                  const moved = attempt((id) => transferWithSafe(t, actor, direction, { operationId: id, sessionId: s.id, amount: djf(c.amount) }, 'hassan')) as
                    | { result: { pendingTransferId: string | null } }
                    | undefined;
                  const pendingId = moved?.result.pendingTransferId;
                  if (pendingId && c.confirm) attempt((id) => confirmReceipt(t, c.kind === 'drop' ? HASSAN : clerk(s.clerk), { operationId: id, pendingTransferId: pendingId }));
                  break;
                }
                case 'void':
                  if (sales.length > 0) {
                    const target = sales[c.pick % sales.length]!;
                    if (attempt((id) => voidOperation(t, HASSAN, { operationId: id, targetOperationId: target, reason: 'property test' }, 'hassan'))) reached.void += 1;
                  }
                  break;
                case 'countClose': {
                  if (!s) break;
                  // Count what the till should hold, give or take a few francs.
                  const expected = (t.sqlite.prepare('SELECT debits_posted - credits_posted AS b FROM ledger_accounts WHERE id = ?').get(s.cash_account_id) as { b: number }).b;
                  const counted = Math.max(0, expected + c.delta);
                  const count = attempt((id) => submitCount(t, clerk(s.clerk), { operationId: id, sessionId: s.id, counts: [{ denomination: 1, quantity: counted }] })) as
                    | { result: { countId: string } }
                    | undefined;
                  if (count) {
                    const disputed = Math.min(c.disputed, Math.abs(counted - expected));
                    if (attempt((id) => closeTill(t, clerk(s.clerk), { operationId: id, sessionId: s.id, countId: count.result.countId, explanation: 'property test', disputedMinor: disputed }, 'hassan'))) reached.close += 1;
                  }
                  break;
                }
                case 'retry': {
                  if (done.length === 0) break;
                  const before = transfers();
                  const outcome = done[c.pick % done.length]!() as { replayed: boolean };
                  expect(outcome.replayed).toBe(true);
                  expect(transfers()).toBe(before);
                  reached.retry += 1;
                  break;
                }
              }
              expectLedgerInvariants(t.sqlite);
            }
          } finally {
            await h.close();
          }
        }),
        { numRuns: 40 },
      );
      expect(Object.values(reached).every((n) => n > 0)).toBe(true);
    } finally {
      temp.remove();
    }
  });
});
