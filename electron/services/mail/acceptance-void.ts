import { ContractError } from '@shared/contract';
import { returnToStock } from '../basket/stock';
import type { PrintJob } from '../devices/print-job-store';
import type { LedgerOperationTable } from '../ledger/ledger.tables';
import type { OperationReversal } from '../till/operation-reversal';
import { LOCAL_CODES } from '../tracking/local-codes';
import { movedOnEvent, recordTrackingEvent } from '../tracking/tracking-events';
import type { BookedAcceptance } from './booked-acceptance';
import { customsSlipReference } from './customs-declaration-print';
import { acceptanceVoidReceipt } from './acceptance-void-receipt';
import type { MailContext } from './mail-context';

const booked = (target: LedgerOperationTable): BookedAcceptance => JSON.parse(target.result) as BookedAcceptance;

/**
 * Voiding a mail acceptance at the till (`till.voidOperation`, supervisor approval): the till
 * reverses the money; here, in the same transaction, what the basket left behind. The S10
 * numbers stay issued — an issued number is evidence and is never handed out again — and each
 * item gets a tracking event saying its acceptance was cancelled; the stock sold goes back on
 * the shelf; the labels and receipt still waiting to print are cancelled, and a void receipt
 * is written for the customer. Refused once an item has moved on (any event after acceptance).
 */
export function acceptanceReversal(ctx: MailContext): OperationReversal {
  return {
    kind: 'mail-acceptance',
    // The basket posted, in order: per item its postage then its insurance (if any), then one line per product.
    quantities: (target) => {
      const basket = booked(target);
      return [...basket.items.flatMap((item) => (item.insurance.minor > 0 ? [1, 1] : [1])), ...basket.products.map((line) => line.quantity)];
    },
    reverse: (op, { actor, approver, reason, target }) => {
      const sqlite = ctx.till.sqlite;
      const basket = booked(target);
      const s10s = basket.items.flatMap((item) => (item.s10 ? [item.s10] : []));
      for (const s10 of s10s) {
        const event = movedOnEvent(sqlite, s10);
        if (event) throw new ContractError('RULE_BROKEN', `${s10} has moved on (${event.code}): its acceptance can no longer be cancelled`, { rule: 'item-moved-on', s10, code: event.code });
      }
      const office = ctx.reference.profile().code;
      for (const s10 of s10s) {
        recordTrackingEvent(sqlite, {
          id: `${op.id}/${LOCAL_CODES.acceptanceCancelled}/${s10}`,
          s10,
          code: LOCAL_CODES.acceptanceCancelled,
          at: op.at,
          office,
          operator: actor.username,
          operation_id: op.id,
          source: 'counter',
          note: reason,
        });
      }
      returnToStock(sqlite, basket.products, op.at);
      const outbox = ctx.devices?.outbox;
      if (!outbox) return {};
      const cancelled = outbox.cancelWaiting([target.id, ...s10s, ...s10s.map(customsSlipReference)]);
      const receipt = acceptanceVoidReceipt(basket, {
        branch: ctx.reference.profile(),
        voidOperationId: op.id,
        at: op.at,
        operator: actor.username,
        approver,
        reason,
        refunded: basket.total,
      });
      const jobs: PrintJob[] = [outbox.receipt(receipt, op.id), ...cancelled];
      return { printing: { queued: 1, cancelled: cancelled.length }, afterCommit: () => outbox.announce(jobs) };
    },
  };
}
