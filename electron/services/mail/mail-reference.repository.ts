import type { Selectable } from 'kysely';
import type { Sqlite } from '../db/open-database';
import type { CounterDatabase } from '../db/tables';
import { all, build, typedStatement } from '../db/typed-statement';
import type { ReplicationReferenceTable } from '../replication/replication.tables';
import type { RetailStockTable } from '../basket/basket.tables';
import type { S10RangeTable } from './mail.tables';

/**
 * A parcel as head office announces it: what the counter knows before the recipient comes. Named
 * through the database's description: mail sits below pickup and does not import its modules.
 */
export type AnnouncedParcel = Pick<
  Selectable<CounterDatabase['pickup_parcels']>,
  'id' | 'barcode' | 'marketplace' | 'sender' | 'recipient_name' | 'recipient_phone' | 'pickup_code' | 'amount_to_collect' | 'currency' | 'announced_on' | 'version'
>;

/**
 * The SQL of mail's reference data: what replication pulled (`replication_reference`) and what
 * the counter makes of it (S10 ranges, parcels announced for pickup, the demo's opening stock).
 * A pulled item is added once: a range, a parcel or a product already known keeps its state.
 */
export function mailReferenceRepository(sqlite: Sqlite) {
  // Asked by every quote and acceptance: has a tariff arrived since the versions were parsed?
  const tariffStamp = typedStatement(sqlite, (db) =>
    db
      .selectFrom('replication_reference')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('version').as('latest')])
      .where('kind', '=', 'tariff'),
  );
  const limit = typedStatement(sqlite, (db, p: { key: string }) => db.selectFrom('replication_reference').select('body').where('kind', '=', 'limit').where('key', '=', p.key));
  const addRange = typedStatement(sqlite, (db, p: Omit<Selectable<S10RangeTable>, 'next_serial'>) =>
    db
      .insertInto('s10_ranges')
      .orIgnore()
      .values({
        id: p.id,
        service_indicator: p.service_indicator,
        country: p.country,
        first_serial: p.first_serial,
        last_serial: p.last_serial,
        next_serial: p.first_serial,
        source: p.source,
        received_at: p.received_at,
      }),
  );
  const addParcel = typedStatement(sqlite, (db, p: AnnouncedParcel) =>
    db
      .insertInto('pickup_parcels')
      .orIgnore()
      .values({
        id: p.id,
        barcode: p.barcode,
        marketplace: p.marketplace,
        sender: p.sender,
        recipient_name: p.recipient_name,
        recipient_phone: p.recipient_phone,
        pickup_code: p.pickup_code,
        amount_to_collect: p.amount_to_collect,
        currency: p.currency,
        announced_on: p.announced_on,
        version: p.version,
      }),
  );
  const addStock = typedStatement(sqlite, (db, p: Selectable<RetailStockTable>) =>
    db.insertInto('retail_stock').orIgnore().values({ product_code: p.product_code, ean: p.ean, quantity: p.quantity, updated_at: p.updated_at }),
  );

  return {
    /** Changes whenever a tariff version arrives. */
    tariffStamp: (): string => {
      const stamp = tariffStamp.get({});
      return `${stamp?.count ?? 0}:${stamp?.latest ?? 0}`;
    },
    /** Every item of a kind pulled from head office, oldest version first. */
    pulled: (kind: string): Array<Selectable<ReplicationReferenceTable>> =>
      all(sqlite, build.selectFrom('replication_reference').selectAll().where('kind', '=', kind).orderBy('version')),
    /** The body (JSON) of head office's `limit` item `key`. */
    limit: (key: string): string | undefined => limit.get({ key })?.body,
    addRange: (range: Omit<Selectable<S10RangeTable>, 'next_serial'>): void => void addRange.run(range),
    addParcel: (parcel: AnnouncedParcel): void => void addParcel.run(parcel),
    addStock: (line: Selectable<RetailStockTable>): void => void addStock.run(line),
  };
}
