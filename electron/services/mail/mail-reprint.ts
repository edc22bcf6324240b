import { ContractError, type Party } from '@shared/contract';
import { asCopy, type Receipt } from '@shared/receipt';
import type { PrintJob } from '../devices/print-job-store';
import type { Actor } from '../till/till-context';
import { requireValidS10 } from '../tracking/s10-input';
import type { BookedAcceptance } from './booked-acceptance';
import type { MailContext } from './mail-context';
import { parcelLabel, writeLabelJob } from './mail-outputs';
import { mailRepository } from './mail.repository';

/**
 * Another copy of what a basket printed. The audit entry and the job commit together (one
 * write, and never a copy without its trace); printing starts after. A copy points back to the
 * first job of its reference, so the queue shows it as a reprint.
 */
export function reprintReceipt(ctx: MailContext, actor: Actor, operationId: string): { queued: number } {
  const result = mailRepository(ctx.till.sqlite).acceptanceResult(operationId);
  if (result === undefined) throw new ContractError('NOT_FOUND', `no mail acceptance ${operationId}`, { rule: 'unknown-operation' });
  const receipt = asCopy((JSON.parse(result) as { receipt: Receipt }).receipt);
  return copy(ctx, actor, 'mail.reprint', operationId, (outbox) => outbox.receipt(receipt, operationId, outbox.original(operationId)?.id ?? null));
}

/** The parcel label of one item, rebuilt from what was booked (the same data the first label came from). */
export function reprintLabel(ctx: MailContext, actor: Actor, typed: string): { queued: number } {
  const s10 = requireValidS10(typed);
  const mail = mailRepository(ctx.till.sqlite);
  const item = mail.item(s10);
  if (!item) throw new ContractError('NOT_FOUND', `${s10} was not accepted at this branch`, { rule: 'unknown-item', s10 });
  // A label on a parcel whose acceptance was cancelled would send unpaid mail on its way.
  const voidOperationId = mail.voidOf(item.operation_id);
  if (voidOperationId !== undefined) throw new ContractError('RULE_BROKEN', `the acceptance of ${s10} was cancelled: no label`, { rule: 'acceptance-voided', s10, voidOperationId });
  const booked = JSON.parse(mail.acceptanceResult(item.operation_id)!) as BookedAcceptance;
  const accepted = booked.items.find((entry) => entry.s10 === s10)!;
  const label = parcelLabel(ctx, { ...accepted, s10 }, { sender: JSON.parse(item.sender) as Party, recipient: JSON.parse(item.recipient) as Party }, item.accepted_at);
  return copy(ctx, actor, 'mail.reprint.label', s10, (outbox) => {
    const written = writeLabelJob(outbox, label, outbox.original(s10)?.id ?? null);
    return written.job;
  });
}

function copy(ctx: MailContext, actor: Actor, action: string, subject: string, write: (outbox: NonNullable<MailContext['devices']>['outbox']) => PrintJob): { queued: number } {
  const outbox = ctx.devices?.outbox;
  if (!outbox) {
    ctx.till.audit.record({ actor: actor.username, action, subject, outcome: 'refused', details: { rule: 'no-print-queue' } });
    return { queued: 0 };
  }
  const job = ctx.till.sqlite.transaction(() => {
    const written = write(outbox);
    ctx.till.audit.record({ actor: actor.username, action, subject, outcome: 'ok', details: { job: written.id, printer: written.deviceId, reprintOf: written.reprintOf } });
    return written;
  })();
  outbox.announce([job]);
  return { queued: 1 };
}
