// The start-up check walks only what came after the last day close; the close itself runs the
// full verify. A journal rewritten while the counter runs (the recompute attack, through a
// second connection) is caught at the close, which refuses to seal the day.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { closeDay } from '../../electron/services/day-close/day-close';
import { moveSafeCash } from '../../electron/services/safe/safe';
import { completeSale } from '../../electron/services/sale/sale';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { makeTempDir } from '../support/temp-dir';
import { clerk, djf, HASSAN, openLedgerHarness } from './ledger-harness';
import { recomputeAttack } from './support/recompute-attack';

const refusalOf = (run: () => unknown): { rule?: unknown; failed?: unknown; firstBadRow?: unknown } | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof ContractError)) throw error;
    return (error.details ?? {}) as { rule?: unknown };
  }
};

describe('the day close checks the whole journal', () => {
  it('refuses to close a day over a journal rewritten behind the counter’s back, naming the row', async () => {
    const temp = makeTempDir('day-close-verify-');
    const file = join(temp.dir, 'branch.sqlite');
    const h = await openLedgerHarness(file);
    try {
      const t = h.tills;
      moveSafeCash(t, HASSAN, 'received', { operationId: uuid7(), amount: djf(100_000) });
      const opened = openTill(t, HASSAN, { operationId: uuid7(), tillId: 'G1', clerk: 'amina', float: djf(10_000) });
      confirmReceipt(t, clerk('amina'), { operationId: uuid7(), pendingTransferId: opened.result.pending[0]!.transferId });
      for (let i = 0; i < 10; i += 1) {
        completeSale(t, clerk('amina'), { operationId: uuid7(), sessionId: opened.result.sessionId, lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 }], tendered: djf(100) });
      }
      const close = () => closeDay(t, HASSAN, { operationId: uuid7(), safeCount: [] });

      // A sound journal: the close goes on to its own rules (a till is still open).
      const sound = refusalOf(close);
      expect(sound?.rule).not.toBe('journal-check-failed');

      recomputeAttack(file, 8);
      const rewritten = refusalOf(close);
      expect(rewritten).toMatchObject({ rule: 'journal-check-failed', firstBadRow: { seq: 8 } });
      expect(rewritten?.failed).toContain('signatures');
    } finally {
      await h.close();
      temp.remove();
    }
  });
});
