import type { Generated } from 'kysely';
import type { IdDocumentType } from '@shared/contract';

/** Row shape of the parcels announced for pickup (migration 0007). A parcel handed over or returned stays so (trigger). */
export interface PickupParcelTable {
  id: string;
  barcode: string;
  marketplace: string;
  sender: string;
  recipient_name: string;
  recipient_phone: string | null;
  /** The customer's code: checked at the hand-over, never shown on screen. */
  pickup_code: string;
  amount_to_collect: number;
  currency: string;
  announced_on: string;
  version: number;
  status: Generated<'waiting' | 'delivered' | 'returned'>;
  delivered_at: string | null;
  delivered_by: string | null;
  id_document_type: IdDocumentType | null;
  id_document_number: string | null;
  /** The hand-over's ledger operation. */
  operation_id: string | null;
  returned_at: string | null;
}

export interface PickupTables {
  pickup_parcels: PickupParcelTable;
}
