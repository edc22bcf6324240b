import { ContractError, type BranchProfile } from '@shared/contract';
import { TariffDocument, tariffInForce } from '@shared/tariff';
import type { Sqlite } from '../db/open-database';
import tariffSample from '../../../resources/samples/tariff.json' with { type: 'json' };
import rangesSample from '../../../resources/samples/s10-ranges.json' with { type: 'json' };
import stockSample from '../../../resources/samples/retail-stock.json' with { type: 'json' };
import parcelsSample from '../../../resources/samples/pickup-parcels.json' with { type: 'json' };
import { businessDate as localDay } from '../ledger/local-time';
import { mailReferenceRepository, type AnnouncedParcel } from './mail-reference.repository';

/**
 * Reference data for mail, read from what replication pulled into the branch database
 * (`replication_reference`: kinds `tariff`, `s10-range`, `pickup-parcel`). The demo branch,
 * which has no head office of its own, is seeded from the SAMPLE files in resources/. The
 * counter works offline with whatever it last received.
 */
export class MailReference {
  private tariffs: { stamp: string; versions: TariffDocument[] } | null = null;
  private readonly rows: ReturnType<typeof mailReferenceRepository>;

  constructor(
    sqlite: Sqlite,
    private readonly branch: () => BranchProfile | null,
  ) {
    this.rows = mailReferenceRepository(sqlite);
  }

  profile(): BranchProfile {
    const branch = this.branch();
    if (!branch) throw new ContractError('RULE_BROKEN', 'no branch profile yet', { rule: 'no-branch' });
    return branch;
  }

  /** Every tariff version received (or the SAMPLE for the demo branch); parsed once per change. */
  tariffVersions(): TariffDocument[] {
    const stamp = this.rows.tariffStamp();
    if (this.tariffs?.stamp === stamp) return this.tariffs.versions;
    const versions = this.rows.pulled('tariff').flatMap((row) => {
      const parsed = TariffDocument.safeParse(JSON.parse(row.body));
      return parsed.success ? [parsed.data] : [];
    });
    if (versions.length === 0 && this.branch()?.demo) versions.push(TariffDocument.parse(tariffSample));
    this.tariffs = { stamp, versions };
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
    for (const row of this.rows.pulled('s10-range')) {
      const body = JSON.parse(row.body) as { service_indicator: string; first_serial: number; last_serial: number };
      this.rows.addRange({
        id: `${body.service_indicator}:${body.first_serial}`,
        service_indicator: body.service_indicator,
        country,
        first_serial: body.first_serial,
        last_serial: body.last_serial,
        source: 'head-office',
        received_at: at,
      });
    }
    if (this.branch()?.demo) {
      for (const range of rangesSample.ranges) {
        this.rows.addRange({
          id: `${range.serviceIndicator}:${range.firstSerial}`,
          service_indicator: range.serviceIndicator,
          country,
          first_serial: range.firstSerial,
          last_serial: range.lastSerial,
          source: 'sample',
          received_at: at,
        });
      }
    }
  }

  /** Parcels announced for pickup here; a parcel already known keeps its state (delivered stays delivered). */
  syncPickupParcels(now: Date): void {
    for (const row of this.rows.pulled('pickup-parcel')) {
      const body = JSON.parse(row.body) as Omit<PickupBody, 'id' | 'version'>;
      this.rows.addParcel(announced({ ...body, id: row.key, version: row.version }));
    }
    if (this.branch()?.demo) {
      const day = (daysAgo: number) => localDay(new Date(now.getTime() - daysAgo * 86_400_000));
      for (const { key, announcedDaysAgo, ...parcel } of parcelsSample.parcels) {
        this.rows.addParcel(announced({ ...parcel, id: key, announcedOn: day(announcedDaysAgo), version: 0 }));
      }
    }
  }

  /** Days a parcel waits before it is listed for return (head office `limit` item `pickup-return-days`, else the sample's). */
  pickupReturnDays(): number {
    const body = this.rows.limit('pickup-return-days');
    const days = body === undefined ? undefined : (JSON.parse(body) as { days?: number }).days;
    return typeof days === 'number' && days > 0 ? days : parcelsSample.returnAfterDays;
  }

  /** The post's public tracking page, published by head office as `limit` item `tracking-url` ({ prefix }). */
  trackingUrlPrefix(): string | null {
    const body = this.rows.limit('tracking-url');
    const prefix = body === undefined ? undefined : (JSON.parse(body) as { prefix?: unknown }).prefix;
    return typeof prefix === 'string' && prefix.startsWith('https://') ? prefix : null;
  }

  /** Opening stock of retail products for the demo branch. */
  seedStock(at: string): void {
    if (!this.branch()?.demo) return;
    for (const line of stockSample.stock) this.rows.addStock({ product_code: line.code, ean: line.ean, quantity: line.quantity, updated_at: at });
  }
}

interface PickupBody {
  id: string;
  barcode: string;
  marketplace: string;
  sender: string;
  recipientName: string;
  recipientPhone?: string | null;
  pickupCode: string;
  amountToCollect: number;
  currency: string;
  announcedOn: string;
  version: number;
}

const announced = (parcel: PickupBody): AnnouncedParcel => ({
  id: parcel.id,
  barcode: parcel.barcode,
  marketplace: parcel.marketplace,
  sender: parcel.sender,
  recipient_name: parcel.recipientName,
  recipient_phone: parcel.recipientPhone ?? null,
  pickup_code: parcel.pickupCode,
  amount_to_collect: parcel.amountToCollect,
  currency: parcel.currency,
  announced_on: parcel.announcedOn,
  version: parcel.version,
});
