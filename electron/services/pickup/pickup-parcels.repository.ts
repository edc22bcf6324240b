import { ContractError, type PickupParcelView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';

export interface PickupParcelRow {
  id: string;
  barcode: string;
  marketplace: string;
  sender: string;
  recipient_name: string;
  recipient_phone: string | null;
  pickup_code: string;
  amount_to_collect: number;
  currency: string;
  announced_on: string;
  status: 'waiting' | 'delivered' | 'returned';
  delivered_at: string | null;
  operation_id: string | null;
}

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

export function readParcel(sqlite: Sqlite, id: string): PickupParcelRow {
  const row = sqlite.prepare('SELECT * FROM pickup_parcels WHERE id = ?').get(id) as PickupParcelRow | undefined;
  if (!row) throw new ContractError('NOT_FOUND', `no parcel ${id} announced here`, { rule: 'unknown-parcel', parcelId: id });
  return row;
}

/** By the scanned barcode or the customer's pickup code. */
export function findParcel(sqlite: Sqlite, code: string): PickupParcelRow {
  const row = sqlite.prepare("SELECT * FROM pickup_parcels WHERE barcode = @code OR (pickup_code = @code AND status = 'waiting') ORDER BY status = 'waiting' DESC LIMIT 1").get({ code }) as PickupParcelRow | undefined;
  if (!row) throw new ContractError('NOT_FOUND', `no parcel for ${code}: check the code or ask head office`, { rule: 'unknown-parcel' });
  return row;
}

export function listParcels(sqlite: Sqlite, status: 'waiting' | 'delivered'): PickupParcelRow[] {
  return sqlite.prepare('SELECT * FROM pickup_parcels WHERE status = ? ORDER BY announced_on, id LIMIT 500').all(status) as PickupParcelRow[];
}
