import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallResponse, Input } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { openDatabase } from '../../../electron/services/db/open-database';
import { errorCode, startCounter, type CounterFixture } from '../../support/counter-fixture';

/** The customer register through the router, on a real branch database, without a head office. */
let fixture: CounterFixture;
let clerk: string;
let supervisor: string;

beforeAll(async () => {
  fixture = await startCounter();
  clerk = await fixture.signIn('amina', '1234');
  supervisor = await fixture.signIn('hassan', '5678');
}, 60_000);
afterAll(async () => {
  await fixture?.close();
}, 60_000);

const person = (over: Partial<Input<'customers.register'>> = {}): Input<'customers.register'> => ({
  customerId: uuid7(),
  familyName: 'Houssein',
  givenNames: 'Fatouma Ali',
  birthDate: '1988-04-12',
  document: { type: 'identity-card', number: 'DJ 123-456', country: 'DJI', expiry: '2030-01-31' },
  phone: '77 12 34 56',
  address: 'Quartier 7, Djibouti',
  ...over,
});
const failure = (response: CallResponse) => (response.ok ? null : response.error);

describe('registering and finding a customer', () => {
  it('registers once per intent: the same id sent again answers the first registration', async () => {
    const input = person();
    const first = await fixture.ok('customers.register', input, clerk);
    expect(first).toMatchObject({ id: input.customerId, familyName: 'Houssein', version: 1, replayed: false, source: 'branch', originBranch: 'DJ-DEMO', createdBy: 'amina' });
    // Typed with spaces and a dash: kept as the MRZ writes it, so the same card typed another way is the same document.
    expect(first.document.number).toBe('DJ123456');
    expect(first.phone).toBe('77123456');
    expect(await fixture.ok('customers.register', input, clerk)).toMatchObject({ id: input.customerId, replayed: true, version: 1 });
    const reused = await fixture.call('customers.register', { ...input, givenNames: 'Someone Else' }, clerk);
    expect(failure(reused)).toMatchObject({ code: 'CONFLICT', details: { rule: 'customer-id-reused' } });
  });

  it('finds by document (however typed), by phone and by part of a name, without asking head office when found here', async () => {
    const byDocument = await fixture.ok('customers.find', { document: { type: 'identity-card', number: 'dj123456', country: 'DJI' } }, clerk);
    expect(byDocument.customers.map((c) => c.familyName)).toEqual(['Houssein']);
    expect(byDocument.national).toEqual({ state: 'not-asked', detail: null });
    expect((await fixture.ok('customers.find', { phone: '77-12-34-56' }, clerk)).customers).toHaveLength(1);
    expect((await fixture.ok('customers.find', { name: 'fatou' }, supervisor)).customers).toHaveLength(1);
    // A % typed by the clerk is a character, not a wildcard.
    expect((await fixture.ok('customers.find', { name: '%%' }, clerk)).customers).toHaveLength(0);
  });

  it('says plainly that there is no head office to ask when nothing is found here', async () => {
    const none = await fixture.ok('customers.find', { document: { type: 'passport', number: 'P0000001', country: 'FRA' } }, clerk);
    expect(none).toEqual({ customers: [], national: { state: 'not-configured', detail: null } });
    expect(failure(await fixture.call('customers.find', {}, clerk))).toMatchObject({ code: 'INVALID_INPUT', details: { rule: 'customer-search-empty' } });
  });

  it('refuses a second customer with the same document and shows the first', async () => {
    const first = (await fixture.ok('customers.find', { phone: '77123456' }, clerk)).customers[0]!;
    const second = person({ familyName: 'Autre', document: { type: 'identity-card', number: 'DJ-123456', country: 'DJI' } });
    const refused = failure(await fixture.call('customers.register', second, clerk));
    expect(refused).toMatchObject({ code: 'CONFLICT', details: { rule: 'customer-document-taken', customer: { id: first.id, familyName: 'Houssein' } } });
    // Nothing of the refused registration was kept; the same number from another country is another document.
    expect(failure(await fixture.call('customers.get', { customerId: second.customerId }, clerk))).toMatchObject({ code: 'NOT_FOUND' });
    const other = await fixture.ok('customers.register', { ...second, customerId: uuid7(), document: { type: 'identity-card', number: 'DJ123456', country: 'COG' } }, clerk);
    expect(other.document.country).toBe('COG');
  });
});

describe('editing keeps the history', () => {
  it('changes only over the version seen, and records who changed which field from what to what', async () => {
    const input = person({ document: { type: 'passport', number: 'PA998877', country: 'DJI' }, phone: '77000111' });
    const registered = await fixture.ok('customers.register', input, clerk);
    const edited = await fixture.ok('customers.update', { customerId: registered.id, expectedVersion: 1, changes: { phone: '77 000 222', address: null } }, supervisor);
    expect(edited).toMatchObject({ version: 2, phone: '77000222', address: null, updatedBy: 'hassan', createdBy: 'amina' });
    const stale = failure(await fixture.call('customers.update', { customerId: registered.id, expectedVersion: 1, changes: { familyName: 'Late' } }, clerk));
    expect(stale).toMatchObject({ code: 'CONFLICT', details: { rule: 'customer-changed-meanwhile', version: 2 } });
    const taken = failure(
      await fixture.call('customers.update', { customerId: registered.id, expectedVersion: 2, changes: { document: { type: 'identity-card', number: 'DJ123456', country: 'DJI' } } }, clerk),
    );
    expect(taken).toMatchObject({ code: 'CONFLICT', details: { rule: 'customer-document-taken', customer: { familyName: 'Houssein' } } });

    const history = await fixture.ok('customers.history', { customerId: registered.id }, clerk);
    expect(history.map((h) => [h.version, h.kind, h.by])).toEqual([
      [1, 'registered', 'amina'],
      [2, 'updated', 'hassan'],
    ]);
    expect(history[1]!.changes).toEqual([
      { field: 'phone', before: '77000111', after: '77000222' },
      { field: 'address', before: 'Quartier 7, Djibouti', after: null },
    ]);
  });

  it('queues every change for head office in a gap-free sequence, written with the change', async () => {
    const opened = openDatabase(fixture.counter.databaseFile);
    if (!opened.ok) throw new Error(opened.refusal.detail);
    try {
      const rows = opened.opened.sqlite.prepare('SELECT seq, kind, record_id, payload FROM register_outbox ORDER BY seq').all() as Array<{ seq: number; kind: string; record_id: string; payload: string }>;
      // Three registrations and one edit were booked; the replay and the refusals queued nothing.
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['customer']));
      const last = JSON.parse(rows[3]!.payload) as Record<string, unknown>;
      expect(last).toMatchObject({ version: 2, phone: '77000222', updated_by: 'hassan' });
      expect(() => opened.opened.sqlite.prepare('DELETE FROM register_outbox').run()).toThrow(/kept as recorded/);
      expect(() => opened.opened.sqlite.prepare("UPDATE customer_changes SET by = 'x'").run()).toThrow(/kept as recorded/);
    } finally {
      await opened.opened.db.destroy();
    }
  });
});

describe('who may see personal data, and what the audit trail keeps', () => {
  it('refuses the technician and the auditor every customers method', async () => {
    const technician = await fixture.signIn('ismail', '9012');
    const auditor = await fixture.signIn('fatouma', '2468');
    for (const session of [technician, auditor]) {
      for (const [method, input] of [
        ['customers.find', { name: 'Houssein' }],
        ['customers.get', { customerId: uuid7() }],
        ['customers.register', person()],
        ['customers.history', { customerId: uuid7() }],
        ['customers.tiers', {}],
      ] as const) {
        expect(errorCode(await fixture.call(method, input, session)), method).toBe('FORBIDDEN_ROLE');
      }
    }
  });

  it('audits every lookup and change by customer id, with no personal data in the details', async () => {
    const found = (await fixture.ok('customers.find', { name: 'Houssein' }, clerk)).customers[0]!;
    await fixture.ok('customers.get', { customerId: found.id }, clerk);
    const auditor = await fixture.signIn('fatouma', '2468');
    const trail = (await fixture.ok('audit.list', { limit: 200 }, auditor)).filter((entry) => entry.action.startsWith('customers.'));
    const actions = new Set(trail.map((entry) => `${entry.action}:${entry.outcome}`));
    for (const expected of ['customers.register:ok', 'customers.register:refused', 'customers.update:ok', 'customers.update:refused', 'customers.find:ok', 'customers.view:ok', 'customers.history:ok']) {
      expect(actions, expected).toContain(expected);
    }
    const text = JSON.stringify(trail);
    for (const personal of ['Houssein', 'Fatouma Ali', '1988-04-12', 'DJ123456', '77123456', '77000222', 'Quartier']) expect(text).not.toContain(personal);
    expect(trail.find((entry) => entry.action === 'customers.update' && entry.outcome === 'ok')?.details).toMatchObject({ fields: ['phone', 'address'] });
    // The last search (by name): which customers it showed and whether head office was asked, nothing of what was typed.
    const search = trail.find((entry) => entry.action === 'customers.find')!.details;
    expect(Object.keys(search).sort()).toEqual(['customerIds', 'headOfficeAsked']);
    expect(search).toMatchObject({ customerIds: expect.arrayContaining([found.id]) as unknown, headOfficeAsked: false });
  });
});

describe('bad input', () => {
  it('refuses text attacks and malformed documents field by field', async () => {
    const nul = failure(await fixture.call('customers.register', person({ familyName: 'Hous\u0000sein' }), clerk));
    expect(nul).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: 'familyName', code: 'text-control-character' }] } });
    const rlo = failure(await fixture.call('customers.register', person({ givenNames: 'Ali\u202Eedcba' }), clerk));
    expect(rlo).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: 'givenNames', code: 'text-bidi-control' }] } });
    const invisible = failure(await fixture.call('customers.register', person({ document: { type: 'passport', number: 'P12\u200B34', country: 'DJI' } }), clerk));
    expect(invisible).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: 'document.number', code: 'text-invisible-character' }] } });
    const symbols = failure(await fixture.call('customers.register', person({ document: { type: 'passport', number: 'P12#34', country: 'DJI' } }), clerk));
    expect(symbols).toMatchObject({ code: 'INVALID_INPUT', details: { rule: 'document-number-format', issues: [{ path: 'document.number' }] } });
    const date = failure(await fixture.call('customers.register', person({ birthDate: '1988-13-40' }), clerk));
    expect(date).toMatchObject({ code: 'INVALID_INPUT', details: { issues: [{ path: 'birthDate' }] } });
    const tier = failure(await fixture.call('customers.register', person({ kycTier: 'platinum' }), clerk));
    expect(tier).toMatchObject({ code: 'INVALID_INPUT', details: { rule: 'unknown-kyc-tier' } });
    const extra = failure(await fixture.call('customers.register', { ...person(), nationalId: 'x' }, clerk));
    expect(extra).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await fixture.ok('customers.tiers', {}, clerk)).toEqual([]);
  });

  it('writes nothing personal to the logs', async () => {
    const marker = person({ familyName: 'Zzmarkerfamily', givenNames: 'Zzmarkergiven', document: { type: 'passport', number: 'ZZ7788990', country: 'DJI' }, phone: '+253 77 99 88 11', address: 'Zzmarker street' });
    await fixture.ok('customers.register', marker, clerk);
    await fixture.call('customers.register', { ...marker, customerId: uuid7() }, clerk);
    await fixture.call('customers.register', { ...marker, familyName: 'Zzmarker\u0000bad' }, clerk);
    await fixture.ok('customers.find', { name: 'Zzmarkerfamily' }, clerk);
    const dir = join(fixture.dataDir, 'logs');
    const text = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('');
    expect(text.length).toBeGreaterThan(0);
    for (const personal of ['Zzmarker', 'ZZ7788990', '77998811', '99 88']) expect(text).not.toContain(personal);
  });
});
