import type { PickupParcelView } from '@shared/contract';
import type { PickupParcelRow } from './pickup-parcels.repository';

/** A parcel's view for the window: the pickup code stays in the database. */
export function parcelView(row: PickupParcelRow, today: string, returnAfterDays: number): PickupParcelView {
  return {
    id: row.id,
    barcode: row.barcode,
    marketplace: row.marketplace,
    sender: row.sender,
    recipientName: row.recipient_name,
    recipientPhone: row.recipient_phone,
    amountToCollect: { minor: row.amount_to_collect, currency: row.currency },
    announcedOn: row.announced_on,
    status: row.status,
    dueForReturn: row.status === 'waiting' && daysBetween(row.announced_on, today) > returnAfterDays,
    deliveredAt: row.delivered_at,
  };
}

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
