import type { PassbookLineView } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import { uuid7 } from '@shared/uuid7';
import { passbookMiniStatement } from '../devices/passbook-mini-statement';
import { localIsoTime } from '../ledger/local-time';
import type { Actor } from '../till/till-context';
import { toPrinter } from './passbook-lines';
import type { SavingsContext } from './savings-context';

/**
 * The account's latest lines and balance on the receipt printer, queued like every receipt
 * (through the print outbox: it prints when a printer is there, after a restart too). Paper only:
 * nothing is booked, the passbook's cursor does not move.
 */
export function queueMiniStatement(
  ctx: SavingsContext,
  actor: Actor,
  statement: { accountNumber: string; lines: readonly PassbookLineView[]; balance: { minor: number; currency: string } },
): Receipt {
  const receipt = passbookMiniStatement(
    { accountNumber: statement.accountNumber, lines: statement.lines.map(toPrinter), balance: statement.balance, at: localIsoTime(ctx.till.clock.now()) },
    { branch: ctx.till.branch(), operator: actor.username },
  );
  const devices = ctx.till.devices;
  if (devices) {
    // A statement has no operation of its own: the job gets a reference of its own.
    const reference = uuid7();
    const job = ctx.till.sqlite.transaction(() => devices.outbox.receipt(receipt, reference))();
    devices.afterCashCommit([job], { openDrawer: false, reference });
  }
  return receipt;
}
