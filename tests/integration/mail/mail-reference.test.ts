import { describe, expect, it, onTestFinished } from 'vitest';
import type { BranchProfile } from '@shared/contract';
import tariffSample from '../../../resources/samples/tariff.json' with { type: 'json' };
import type { ReferenceItem } from '../../../electron/services/headoffice/head-office-api';
import { mailRepository } from '../../../electron/services/mail/mail.repository';
import { MailReference } from '../../../electron/services/mail/mail-reference';
import { issueS10 } from '../../../electron/services/mail/s10-allocator';
import { findParcel, markParcelReturned } from '../../../electron/services/pickup/pickup-parcels.repository';
import { ReplicationStore } from '../../../electron/services/replication/replication.repository';
import { branchDatabaseAt } from '../../support/schema-at';

const branch: BranchProfile = { code: 'DJ-TADJ', name: 'Tadjourah', country: 'DJ', currency: 'DJF', language: 'fr', demo: false };
let version = 0;
const item = (kind: ReferenceItem['kind'], key: string, body: Record<string, unknown>): ReferenceItem => ({
  version: (version += 1),
  kind,
  key,
  body,
  published_by: 'head-office',
  published_at: '2026-01-01T08:00:00Z',
});
const parcel = { barcode: 'ESQ000900001', marketplace: 'E-Suuq', sender: 'Boutique', recipientName: 'Fatouma Ali', pickupCode: '482913', amountToCollect: 12500, currency: 'DJF', announcedOn: '2026-01-02' };

/** Mail's reference data as the counter reads it from what replication stored, on a real branch database. */
describe('mail reference data, read from what head office sent', () => {
  it('takes a tariff, S10 ranges, limits and parcels as they arrive, and adds each range and parcel once', async () => {
    const s = await branchDatabaseAt('latest');
    onTestFinished(() => s.close());
    const pulled = new ReplicationStore(s.sqlite);
    const reference = new MailReference(s.sqlite, () => branch);

    expect(reference.tariffVersions()).toEqual([]);
    expect(reference.trackingUrlPrefix()).toBeNull();
    pulled.savePulled([item('tariff', 'T1', { ...tariffSample, version: 'T1', sample: false })], '2026-01-01T09:00:00Z');
    // A tariff that arrives after the versions were read is seen at the next quote.
    expect(reference.tariffVersions().map((tariff) => tariff.version)).toEqual(['T1']);
    pulled.savePulled([item('tariff', 'T2', { ...tariffSample, version: 'T2', effectiveFrom: '2026-01-01', sample: false })], '2026-01-01T09:00:00Z');
    expect(reference.tariffVersions().map((tariff) => tariff.version)).toEqual(['T1', 'T2']);
    expect(reference.tariffOn(new Date('2026-02-01T10:00:00Z')).version).toBe('T2');

    pulled.savePulled(
      [item('limit', 'tracking-url', { prefix: 'http://track.example/?s=' }), item('limit', 'pickup-return-days', { days: 7 })],
      '2026-01-01T09:00:00Z',
    );
    expect(reference.trackingUrlPrefix()).toBeNull(); // only an https page goes on a customer's receipt
    expect(reference.pickupReturnDays()).toBe(7);
    pulled.savePulled([item('limit', 'tracking-url', { prefix: 'https://track.example/?s=' })], '2026-01-01T09:00:00Z');
    expect(reference.trackingUrlPrefix()).toBe('https://track.example/?s=');

    pulled.savePulled([item('s10-range', 'RR:10', { service_indicator: 'RR', first_serial: 10, last_serial: 11 })], '2026-01-01T09:00:00Z');
    reference.syncS10Ranges('2026-01-01T09:00:00Z');
    reference.syncS10Ranges('2026-01-01T09:05:00Z');
    const issued = s.sqlite.transaction(() => [issueS10(s.sqlite, 'RR', 'op-1', 'now'), issueS10(s.sqlite, 'RR', 'op-2', 'now')])();
    expect(issued.map((s10) => s10.slice(2, 10))).toEqual(['00000010', '00000011']);
    // Synced twice, still one range of two numbers: the third is refused, never taken from a copy.
    expect(() => s.sqlite.transaction(() => issueS10(s.sqlite, 'RR', 'op-3', 'now'))()).toThrow(/no S10 numbers left for RR/);

    pulled.savePulled([item('pickup-parcel', 'P1', parcel)], '2026-01-01T09:00:00Z');
    reference.syncPickupParcels(new Date('2026-01-02T09:00:00Z'));
    expect(findParcel(s.sqlite, parcel.barcode)).toMatchObject({ id: 'P1', recipient_name: 'Fatouma Ali', recipient_phone: null, amount_to_collect: 12500, status: 'waiting' });
    expect(findParcel(s.sqlite, parcel.pickupCode).id).toBe('P1');
    // A parcel already known keeps what the counter recorded, whatever head office sends again.
    expect(markParcelReturned(s.sqlite, 'P1', 'now')).toBe(true);
    expect(markParcelReturned(s.sqlite, 'P1', 'later')).toBe(false);
    // A pickup code opens only a parcel that still waits; the barcode names it for good.
    expect(() => findParcel(s.sqlite, parcel.pickupCode)).toThrow(/no parcel for 482913/);
    pulled.savePulled([item('pickup-parcel', 'P1', { ...parcel, recipientName: 'Someone Else' })], '2026-01-01T09:00:00Z');
    reference.syncPickupParcels(new Date('2026-01-03T09:00:00Z'));
    expect(findParcel(s.sqlite, parcel.barcode)).toMatchObject({ recipient_name: 'Fatouma Ali', status: 'returned' });
  });

  it('finds frequent senders by name or phone, keeps a known phone when a visit gives none, and takes % as a character', async () => {
    const s = await branchDatabaseAt('latest');
    onTestFinished(() => s.close());
    const mail = mailRepository(s.sqlite);
    mail.rememberSender({ id: 's1', name: 'Moussa Abdi', address: 'Rue de Rome', phone: '+253 77 12', country: 'DJ', last_used_at: '2026-01-01' });
    mail.rememberSender({ id: 's1', name: 'Moussa Abdi', address: 'Rue de Rome', phone: '', country: 'DJ', last_used_at: '2026-01-02' });
    mail.rememberSender({ id: 's2', name: '100% Coton', address: 'Plateau', phone: null, country: 'DJ', last_used_at: '2026-01-01' });
    expect(mail.senders('mous')).toEqual([{ id: 's1', name: 'Moussa Abdi', address: 'Rue de Rome', phone: '+253 77 12', country: 'DJ', uses: 2, last_used_at: '2026-01-02' }]);
    expect(mail.senders('77 12').map((row) => row.id)).toEqual(['s1']);
    expect(mail.senders('0%').map((row) => row.id)).toEqual(['s2']);
    expect(mail.senders('%')).toHaveLength(1);
    expect(mail.senders('_')).toEqual([]);
  });
});
