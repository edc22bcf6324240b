import { ContractError, type BranchProfile } from '@shared/contract';
import { TariffDocument, tariffInForce } from '@shared/tariff';
import type { Sqlite } from '../db/open-database';
import type { ReplicationReferenceTable } from '../replication/replication.tables';
import tariffSample from '../../../resources/samples/tariff.json' with { type: 'json' };
import rangesSample from '../../../resources/samples/s10-ranges.json' with { type: 'json' };
import stockSample from '../../../resources/samples/retail-stock.json' with { type: 'json' };
import parcelsSample from '../../../resources/samples/pickup-parcels.json' with { type: 'json' };
import { businessDate as localDay } from '../ledger/local-time';

/**
 * Reference data for mail, read from what replication pulled into the branch database
 * (`replication_reference`: kinds `tariff`, `s10-range`, `pickup-parcel`). The demo branch,
 * which has no head office of its own, is seeded from the SAMPLE files in resources/. The
 * counter works offline with whatever it last received.
 */
export class MailReference {
  private tariffs: { stamp: string; versions: TariffDocument[] } | null = null;

  constructor(
    private readonly sqlite: Sqlite,
    private readonly branch: () => BranchProfile | null,
  ) {}

  profile(): BranchProfile {
    const branch = this.branch();
    if (!branch) throw new ContractError('RULE_BROKEN', 'no branch profile yet', { rule: 'no-branch' });
    return branch;
  }

  /** Every tariff version received (or the SAMPLE for the demo branch); parsed once per change. */
  tariffVersions(): TariffDocument[] {
    const stamp = this.sqlite.prepare("SELECT count(*) || ':' || coalesce(max(version), 0) AS s FROM replication_reference WHERE kind = 'tariff'").get() as { s: string };
    if (this.tariffs?.stamp === stamp.s) return this.tariffs.versions;
    const rows = this.pulled('tariff');
    const versions = rows.flatMap((row) => {
      const parsed = TariffDocument.safeParse(JSON.parse(row.body));
      return parsed.success ? [parsed.data] : [];
    });
    if (versions.length === 0 && this.branch()?.demo) versions.push(TariffDocument.parse(tariffSample));
    this.tariffs = { stamp: stamp.s, versions };
    return versions;
  }

  /** The tariff in force on the branch's local day. */
  tariffOn(date: Date): TariffDocument {
    const day = localDay(date);
    const tariff = tariffInForce(this.tariffVersions(), day);
    if (!tariff) throw new ContractError('RULE_BROKEN', `no tariff in force on ${day}: head office has not published one yet`, { rule: 'no-tariff', day });
    return tariff;
  }

  /** Ranges head office allocated to this branch join the allocator; never twice (the id is indicator:first). */
  syncS10Ranges(at: string): void {
    const country = this.profile().country;
    const insert = this.sqlite.prepare(
      `INSERT OR IGNORE INTO s10_ranges (id, service_indicator, country, first_serial, last_serial, next_serial, source, received_at)
       VALUES (@id, @indicator, @country, @first, @last, @first, @source, @at)`,
    );
    for (const row of this.pulled('s10-range')) {
      const body = JSON.parse(row.body) as { service_indicator: string; first_serial: number; last_serial: number };
      insert.run({ id: `${body.service_indicator}:${body.first_serial}`, indicator: body.service_indicator, country, first: body.first_serial, last: body.last_serial, source: 'head-office', at });
    }
    if (this.branch()?.demo) {
      for (const range of rangesSample.ranges) {
        insert.run({ id: `${range.serviceIndicator}:${range.firstSerial}`, indicator: range.serviceIndicator, country, first: range.firstSerial, last: range.lastSerial, source: 'sample', at });
      }
    }
  }

  /** Parcels announced for pickup here; a parcel already known keeps its state (delivered stays delivered). */
  syncPickupParcels(now: Date): void {
    const insert = this.sqlite.prepare(
      `INSERT OR IGNORE INTO pickup_parcels (id, barcode, marketplace, sender, recipient_name, recipient_phone, pickup_code,
         amount_to_collect, currency, announced_on, version)
       VALUES (@id, @barcode, @marketplace, @sender, @recipientName, @recipientPhone, @pickupCode, @amountToCollect, @currency, @announcedOn, @version)`,
    );
    for (const row of this.pulled('pickup-parcel')) {
      const body = JSON.parse(row.body) as Omit<PickupBody, 'id' | 'version'>;
      insert.run({ ...body, recipientPhone: body.recipientPhone ?? null, id: row.key, version: row.version });
    }
    if (this.branch()?.demo) {
      const day = (daysAgo: number) => localDay(new Date(now.getTime() - daysAgo * 86_400_000));
      for (const { key, announcedDaysAgo, ...parcel } of parcelsSample.parcels) {
        insert.run({ ...parcel, id: key, announcedOn: day(announcedDaysAgo), version: 0 });
      }
    }
  }

  /** Days a parcel waits before it is listed for return (head office `limit` item `pickup-return-days`, else the sample's). */
  pickupReturnDays(): number {
    const row = this.sqlite.prepare("SELECT body FROM replication_reference WHERE kind = 'limit' AND key = 'pickup-return-days'").get() as { body: string } | undefined;
    const days = row ? (JSON.parse(row.body) as { days?: number }).days : undefined;
    return typeof days === 'number' && days > 0 ? days : parcelsSample.returnAfterDays;
  }

  /** The post's public tracking page, published by head office as `limit` item `tracking-url` ({ prefix }). */
  trackingUrlPrefix(): string | null {
    const row = this.sqlite.prepare("SELECT body FROM replication_reference WHERE kind = 'limit' AND key = 'tracking-url'").get() as { body: string } | undefined;
    const prefix = row ? (JSON.parse(row.body) as { prefix?: unknown }).prefix : undefined;
    return typeof prefix === 'string' && prefix.startsWith('https://') ? prefix : null;
  }

  /** Opening stock of retail products for the demo branch. */
  seedStock(at: string): void {
    if (!this.branch()?.demo) return;
    const insert = this.sqlite.prepare('INSERT OR IGNORE INTO retail_stock (product_code, ean, quantity, updated_at) VALUES (?, ?, ?, ?)');
    for (const line of stockSample.stock) insert.run(line.code, line.ean, line.quantity, at);
  }

  private pulled(kind: string): ReplicationReferenceTable[] {
    return this.sqlite.prepare('SELECT * FROM replication_reference WHERE kind = ? ORDER BY version').all(kind) as ReplicationReferenceTable[];
  }
}

interface PickupBody {
  id: string;
  barcode: string;
  marketplace: string;
  sender: string;
  recipientName: string;
  recipientPhone: string | null;
  pickupCode: string;
  amountToCollect: number;
  currency: string;
  announcedOn: string;
  version: number;
}
