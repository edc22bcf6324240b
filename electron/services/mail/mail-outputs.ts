import type { AcceptanceResult, Party } from '@shared/contract';
import type { Receipt } from '@shared/receipt';
import type { ParcelLabel } from '../devices/protocols/parcel-label';
import { formatWeight, spacedS10 } from '../devices/protocols/parcel-label';
import type { BookedAcceptance } from './acceptance';
import { labelIn } from './basket-pricing';
import type { MailContext } from './mail-context';

type Printing = AcceptanceResult['printing'];

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

/**
 * Queues the labels and the receipt after the sale committed. Never throws: a printer that is
 * away keeps the jobs in the queue (reprint possible), and the sale stays booked.
 */
export async function printAcceptance(ctx: MailContext, booked: BookedAcceptance, items: Array<{ sender: Party; recipient: Party }>): Promise<Printing> {
  const devices = ctx.devices;
  if (!devices) return { labels: 'none', queued: 0 };
  const branch = ctx.reference.profile();
  const hasLabelPrinter = devices.manager.listConfigs().some((config) => config.kind === 'label-printer' && config.enabled);
  let queued = 0;
  let labels: Printing['labels'] = 'none';
  for (const [index, item] of booked.items.entries()) {
    if (!item.s10) continue;
    const parties = items[index]!;
    const label: ParcelLabel = {
      s10: item.s10,
      service: labelIn(item.serviceName, 'fr'),
      weightGrams: item.grams,
      sender: partyLines(parties.sender),
      recipient: partyLines(parties.recipient),
      branch: `${branch.name} (${branch.code})`,
      postedOn: booked.at.slice(0, 10),
      demo: branch.demo,
    };
    if (hasLabelPrinter) {
      try {
        await devices.manager.printLabel(label, { reference: item.s10 });
        queued += 1;
        labels = 'label-printer';
        continue;
      } catch (error) {
        ctx.logger.warn({ err: error, s10: item.s10 }, 'label printer refused the job: label goes to the receipt printer');
      }
    }
    if (await devices.printReceipt(labelAsReceipt(label), item.s10)) queued += 1;
    labels = 'receipt-printer';
  }
  if (await devices.printReceipt(booked.receipt, booked.operationId)) queued += 1;
  return { labels, queued };
}
