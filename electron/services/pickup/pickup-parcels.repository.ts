import { ContractError, type IdDocumentType } from '@shared/contract';
import type { Selectable } from 'kysely';
import type { Sqlite } from '../db/open-database';
import { ONE_ROW, perDatabase, typedStatement } from '../db/typed-statement';
import type { PickupParcelTable } from './pickup.tables';

export type PickupParcelRow = Selectable<PickupParcelTable>;

/** The most parcels one list shows. */
const LISTED = 500;

/** The SQL of the parcels announced for pickup (mail's reference sync adds them: `mail/mail-reference.repository.ts`). */
const parcels = perDatabase((sqlite) => ({
  byId: typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('pickup_parcels').selectAll().where('id', '=', p.id)),
  // The barcode names one parcel for good; a pickup code only while its parcel waits.
  byCode: typedStatement(sqlite, (db, p: { code: string }) =>
    db
      .selectFrom('pickup_parcels')
      .selectAll()
      .where((eb) => eb.or([eb('barcode', '=', p.code), eb.and([eb('pickup_code', '=', p.code), eb('status', '=', 'waiting')])]))
      .orderBy((eb) => eb('status', '=', 'waiting'), 'desc')
      .limit(ONE_ROW),
  ),
  byStatus: typedStatement(sqlite, (db, p: { status: PickupParcelRow['status'] }) =>
    db.selectFrom('pickup_parcels').selectAll().where('status', '=', p.status).orderBy('announced_on').orderBy('id').limit(LISTED),
  ),
  deliver: typedStatement(sqlite, (db, p: { id: string; at: string; by: string; type: IdDocumentType; number: string; operationId: string }) =>
    db
      .updateTable('pickup_parcels')
      .set({ status: 'delivered', delivered_at: p.at, delivered_by: p.by, id_document_type: p.type, id_document_number: p.number, operation_id: p.operationId })
      .where('id', '=', p.id)
      .where('status', '=', 'waiting'),
  ),
  markReturned: typedStatement(sqlite, (db, p: { id: string; at: string }) =>
    db.updateTable('pickup_parcels').set({ status: 'returned', returned_at: p.at }).where('id', '=', p.id).where('status', '=', 'waiting'),
  ),
}));

export function readParcel(sqlite: Sqlite, id: string): PickupParcelRow {
  const row = parcels(sqlite).byId.get({ id });
  if (!row) throw new ContractError('NOT_FOUND', `no parcel ${id} announced here`, { rule: 'unknown-parcel', parcelId: id });
  return row;
}

/** By the scanned barcode or the customer's pickup code. */
export function findParcel(sqlite: Sqlite, code: string): PickupParcelRow {
  const row = parcels(sqlite).byCode.get({ code });
  if (!row) throw new ContractError('NOT_FOUND', `no parcel for ${code}: check the code or ask head office`, { rule: 'unknown-parcel' });
  return row;
}

export function listParcels(sqlite: Sqlite, status: 'waiting' | 'delivered'): PickupParcelRow[] {
  return parcels(sqlite).byStatus.all({ status });
}

/** Records the hand-over on a parcel still waiting; false when it was handed over or returned meanwhile. */
export function deliverParcel(sqlite: Sqlite, delivery: { id: string; at: string; by: string; type: IdDocumentType; number: string; operationId: string }): boolean {
  return parcels(sqlite).deliver.run(delivery).changes === 1;
}

/** Marks a waiting parcel as sent back; false when it no longer waits. */
export function markParcelReturned(sqlite: Sqlite, id: string, at: string): boolean {
  return parcels(sqlite).markReturned.run({ id, at }).changes === 1;
}
