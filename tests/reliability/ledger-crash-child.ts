// Child of ledger-crash.test.ts: trades on the given branch database until killed,
// writing `ack <operationId>` to stdout only after each operation has committed.
// The parent kills it with SIGKILL at random moments and checks the file.
import { writeSync } from 'node:fs';
import { ContractError } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { submitCount } from '../../electron/services/till/blind-count';
import { paidInOrOut } from '../../electron/services/till/cash-movements';
import { moveSafeCash } from '../../electron/services/safe/safe';
import { completeSale } from '../../electron/services/sale/sale';
import { closeTill } from '../../electron/services/till/till-close';
import { confirmReceipt, openTill } from '../../electron/services/till/till-open';
import { liveSessionOf, openPending } from '../../electron/services/till/till-sessions.repository';
import { voidOperation } from '../../electron/services/till/void-operation';
import { clerk, djf, HASSAN, openLedgerHarness } from './ledger-harness';

const file = process.argv[2];
if (!file) throw new Error('usage: ledger-crash-child <db>');
const h = await openLedgerHarness(file, { migrate: false });
const t = h.tills;
const ack = (outcome: { result: unknown; replayed: boolean }, id: string) => {
  if (!outcome.replayed) writeSync(1, `ack ${id}\n`);
};
const lastSales: string[] = [];
writeSync(1, 'ready\n');

for (let i = 0; ; i += 1) {
  const id = uuid7();
  try {
    const session = liveSessionOf(t.sqlite, 'amina');
    if (!session) {
      ack(moveSafeCash(t, HASSAN, 'received', { operationId: id, amount: djf(100_000) }), id);
      const openId = uuid7();
      const opened = openTill(t, HASSAN, { operationId: openId, tillId: 'G1', clerk: 'amina', float: djf(20_000) });
      ack(opened, openId);
      const confirmId = uuid7();
      ack(confirmReceipt(t, clerk('amina'), { operationId: confirmId, pendingTransferId: opened.result.pending[0]!.transferId }), confirmId);
      continue;
    }
    if (session.status === 'awaiting-float') {
      // Killed between the float and its confirmation: the clerk confirms now.
      ack(confirmReceipt(t, clerk('amina'), { operationId: id, pendingTransferId: openPending(t.sqlite, session.id)[0]!.transferId }), id);
      continue;
    }
    const roll = i % 40;
    if (session.status === 'counting' || roll === 39) {
      const count = submitCount(t, clerk('amina'), { operationId: id, sessionId: session.id, counts: [{ denomination: 1, quantity: 12_345 }] });
      ack(count, id);
      const closeId = uuid7();
      ack(closeTill(t, clerk('amina'), { operationId: closeId, sessionId: session.id, countId: count.result.countId, explanation: 'crash test count', disputedMinor: 0 }, 'hassan'), closeId);
    } else if (roll % 10 === 7 && lastSales.length > 0) {
      ack(voidOperation(t, clerk('amina'), { operationId: id, targetOperationId: lastSales.pop()!, reason: 'crash test void' }, 'hassan'), id);
    } else if (roll % 10 === 5) {
      ack(paidInOrOut(t, clerk('amina'), 'paid-out', { operationId: id, sessionId: session.id, amount: djf(50), reasonCode: 'TRANSPORT' }, null), id);
    } else {
      const sale = completeSale(t, clerk('amina'), {
        operationId: id,
        sessionId: session.id,
        lines: [{ productCode: 'STAMP-LOCAL', quantity: 1 + (i % 4) }, { productCode: 'ENVELOPE-A4', quantity: 1 }],
        tendered: djf(1_000),
      });
      ack(sale, id);
      lastSales.push(id);
    }
  } catch (error) {
    // A domain refusal (a till left counting by an earlier kill…) is part of trading; keep going.
    if (!(error instanceof ContractError)) throw error;
    writeSync(1, `refused ${error.code} ${String(error.details?.rule ?? '')}\n`);
  }
}
