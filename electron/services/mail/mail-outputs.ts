import type { AcceptanceResult, CustomsInput, Party } from '@shared/contract';
import { customsValueOf } from '@shared/customs';
import type { Receipt } from '@shared/receipt';
import type { PrintJob } from '../devices/print-job-store';
import type { PrintOutbox } from '../devices/print-outbox';
import type { ParcelLabel } from '../devices/protocols/parcel-label';
import { formatWeight, spacedS10 } from '../devices/protocols/parcel-label';
import type { BookedAcceptance } from './acceptance';
import { labelIn } from './basket-pricing';
import { customsDeclarationSlip, customsSlipReference } from './customs-declaration-print';
import type { MailContext } from './mail-context';

type Printing = AcceptanceResult['printing'];
type AcceptedItem = AcceptanceResult['items'][number];

const partyLines = (party: Party): string[] => [party.name, party.address, [party.locality, party.country].filter(Boolean).join(' '), party.phone].filter((line) => line.trim().length > 0);

/** Where no label printer is set up, the label comes out of the receipt printer: the S10 still goes on the parcel. */
const labelAsReceipt = (label: ParcelLabel): Receipt => ({
  header: [label.branch, label.postedOn],
  entries: [
    { kind: 'text', text: `${label.service}  ${formatWeight(label.weightGrams)}`, bold: true },
    { kind: 'text', text: 'Expéditeur / From' },
    ...label.sender.map((text) => ({ kind: 'text' as const, text })),
    { kind: 'rule' },
    { kind: 'text', text: 'Destinataire / To' },
    ...label.recipient.map((text) => ({ kind: 'text' as const, text, bold: true })),
    { kind: 'rule' },
    { kind: 'barcode', data: label.s10 },
    { kind: 'text', text: spacedS10(label.s10), align: 'center', large: true },
  ],
  footer: [],
  demo: label.demo,
});

/** The label of one accepted item, from the same data the first print and any reprint use. */
export function parcelLabel(ctx: MailContext, item: { s10: string; serviceName: AcceptedItem['serviceName']; grams: number }, parties: { sender: Party; recipient: Party }, acceptedAt: string): ParcelLabel {
  const branch = ctx.reference.profile();
  return {
    s10: item.s10,
    service: labelIn(item.serviceName, 'fr'),
    weightGrams: item.grams,
    sender: partyLines(parties.sender),
    recipient: partyLines(parties.recipient),
    branch: `${branch.name} (${branch.code})`,
    postedOn: acceptedAt.slice(0, 10),
    demo: branch.demo,
  };
}

/**
 * Writes one label job inside the current transaction: on the label printer, or where none is
 * set up on the receipt printer — the S10 still goes on the parcel.
 */
export function writeLabelJob(outbox: PrintOutbox, label: ParcelLabel, reprintOf: string | null = null): { job: PrintJob; printer: Exclude<Printing['labels'], 'none'> } {
  const job = outbox.label(label, reprintOf);
  return job ? { job, printer: 'label-printer' } : { job: outbox.receipt(labelAsReceipt(label), label.s10, reprintOf), printer: 'receipt-printer' };
}

/**
 * The labels and the receipt of a basket, written INSIDE the basket's transaction (print-outbox.ts):
 * committed with the sale or not at all. They print once the caller announces them after the commit;
 * a printer that is away keeps them waiting (reprint possible), and the sale stays booked.
 */
export function writeAcceptanceJobs(ctx: MailContext, booked: BookedAcceptance, items: Array<{ sender: Party; recipient: Party; customs?: CustomsInput | null | undefined }>): { printing: Printing; jobs: PrintJob[] } {
  const outbox = ctx.devices?.outbox;
  if (!outbox) return { printing: { labels: 'none', queued: 0 }, jobs: [] };
  const jobs: PrintJob[] = [];
  let labels: Printing['labels'] = 'none';
  for (const [index, item] of booked.items.entries()) {
    if (!item.s10) continue;
    const written = writeLabelJob(outbox, parcelLabel(ctx, { ...item, s10: item.s10 }, items[index]!, booked.at));
    jobs.push(written.job);
    labels = written.printer;
  }
  jobs.push(outbox.receipt(booked.receipt, booked.operationId));
  jobs.push(...writeCustomsJobs(ctx, booked, items));
  return { printing: { labels, queued: jobs.length }, jobs };
}

/** The CN22/CN23 of every declared item, on the receipt printer, in the same transaction (its own reference: see customsSlipReference). */
function writeCustomsJobs(ctx: MailContext, booked: BookedAcceptance, items: Array<{ sender: Party; recipient: Party; customs?: CustomsInput | null | undefined }>): PrintJob[] {
  const outbox = ctx.devices?.outbox;
  const branch = ctx.reference.profile();
  return booked.items.flatMap((item, index) => {
    const input = items[index];
    if (!outbox || !item.s10 || !item.customsForm || !input?.customs) return [];
    const slip = customsDeclarationSlip(
      { s10: item.s10, form: item.customsForm, declaration: input.customs, totalValueMinor: customsValueOf(input.customs), currency: booked.total.currency, sender: input.sender, recipient: input.recipient, acceptedAt: booked.at },
      branch,
    );
    return [outbox.receipt(slip, customsSlipReference(item.s10))];
  });
}
