import { ContractError, type HandOverResult, type ParsedInput } from '@shared/contract';
import type { PrintJob } from '../devices/print-job-store';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { businessDate } from '../ledger/local-time';
import type { MailContext } from '../mail/mail-context';
import { checkAmount, invalidAmount } from '../till/cash-policy';
import type { Actor } from '../till/till-context';
import { takeOperationNumber } from '../till/operation-number';
import { readSession, requireOwner, requireStatus } from '../till/till-sessions.repository';
import { recordTrackingEvent } from '../tracking/tracking-events';
import { deliveryReceipt } from './delivery-receipt';
import { parcelView } from './parcel-view';
import { deliverParcel, readParcel, type PickupParcelRow } from './pickup-parcels.repository';

type HandOverInput = ParsedInput<'pickup.handOver'>;

/**
 * Hands an announced parcel to its recipient: pickup code and identity document checked and
 * recorded, cash on delivery taken into the till and owed to the marketplace (COD payable),
 * the delivery event written — all in one ledger operation, so a parcel is never marked
 * delivered without its money, nor money taken for a parcel still on the shelf.
 */
export function handOver(ctx: MailContext, actor: Actor, input: HandOverInput): OperationOutcome<Omit<HandOverResult, 'replayed'>> {
  const config = ctx.till.config();
  const currency = config.currency;
  const parcel = readParcel(ctx.till.sqlite, input.parcelId);
  const fingerprint = fingerprintOf('pickup-handover', input);
  const stored = ctx.till.ledger.replay<Omit<HandOverResult, 'replayed'>>(input.operationId, fingerprint);
  if (stored) return { result: stored, replayed: true };
  if (parcel.status !== 'waiting') throw new ContractError('CONFLICT', `parcel ${parcel.barcode} was already ${parcel.status}`, { rule: `already-${parcel.status}` });
  if (parcel.pickup_code !== input.pickupCode) {
    ctx.till.audit.record({ actor: actor.username, action: 'pickup.handOver', subject: parcel.id, outcome: 'refused', details: { rule: 'wrong-pickup-code' } });
    throw new ContractError('RULE_BROKEN', 'the pickup code does not match this parcel', { rule: 'wrong-pickup-code' });
  }
  if (parcel.currency !== currency) throw new ContractError('RULE_BROKEN', `amount to collect is in ${parcel.currency}`, { rule: 'currency-mismatch' });
  const due = parcel.amount_to_collect;
  let tendered = 0;
  if (due > 0) {
    if (!input.tendered) throw invalidAmount('tendered.minor', 'tender-required', `collect ${due} ${currency} on delivery`, { due });
    tendered = checkAmount('tendered.minor', input.tendered, config);
    if (tendered < due) throw invalidAmount('tendered.minor', 'tender-short', 'the customer has not given enough', { total: due });
  }
  const branch = ctx.reference.profile();

  const jobs: PrintJob[] = [];
  const outcome = ctx.till.ledger.run(
    { id: input.operationId, kind: 'pickup-handover', fingerprint, tillSessionId: input.sessionId, operator: actor.username, approver: null, reason: null },
    (op) => {
      const session = readSession(ctx.till.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      if (due > 0) {
        // The barcode is booked once: collecting the same parcel's COD twice is refused by the database.
        op.transfer({ debit: session.cash_account_id, credit: accountFor.codPayable(parcel.marketplace, currency), amount: due, currency, code: 'cod', reference: parcel.barcode, uniqueReference: true });
      }
      op.setAmount(due);
      const delivered = deliverParcel(ctx.till.sqlite, { id: parcel.id, at: op.at, by: actor.username, type: input.idDocument.type, number: input.idDocument.number, operationId: op.id });
      if (!delivered) throw new ContractError('CONFLICT', 'the parcel was handed over meanwhile', { rule: 'already-delivered' });
      recordTrackingEvent(ctx.till.sqlite, { id: `${op.id}/EMI`, s10: parcel.barcode, code: 'EMI', at: op.at, office: branch.code, operator: actor.username, operation_id: op.id, source: 'counter', note: `${input.idDocument.type}` });
      const handedOver: PickupParcelRow = { ...parcel, status: 'delivered', delivered_at: op.at, delivered_by: actor.username, id_document_type: input.idDocument.type, id_document_number: input.idDocument.number, operation_id: op.id };
      const money = (minor: number) => ({ minor, currency });
      const result = {
        operationId: op.id,
        operationNumber: takeOperationNumber(ctx.till.sqlite, branch.code, op.id, op.at),
        parcel: parcelView(handedOver, businessDate(op.date), ctx.reference.pickupReturnDays()),
        collected: money(due),
        tendered: money(tendered),
        change: money(tendered - due),
      };
      const lastHash = op.lastHash();
      const receipt = {
        ...deliveryReceipt(parcel, result, { branch, at: op.at, operator: actor.username, idType: input.idDocument.type }),
        // After the last transfer: the hash the branch key signs for this operation.
        verification: lastHash ? { operationId: op.id, hash: lastHash } : null,
      };
      // The receipt job commits with the hand-over (print-outbox.ts) and prints after it.
      if (ctx.devices) jobs.push(ctx.devices.outbox.receipt(receipt, op.id));
      return { ...result, receipt };
    },
  );
  // The drawer opens only where cash changed hands (a parcel paid online is handed over with it shut).
  if (!outcome.replayed) ctx.devices?.afterCashCommit(jobs, { openDrawer: due > 0, reference: input.operationId });
  return outcome;
}
