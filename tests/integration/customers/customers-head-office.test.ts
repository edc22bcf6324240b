import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Input } from '@shared/contract';
import { uuid7 } from '@shared/uuid7';
import { startCounter, type CounterFixture } from '../../support/counter-fixture';
import { startTestHeadOffice, type TestHeadOffice } from '../../support/head-office';
import { postgresServer } from '../../support/postgres';
import { FaultyProxy } from '../../support/tcp-proxy';

/**
 * Two counters, each with its own head-office role behind its own loopback proxy, on
 * a real PostgreSQL: the register stream reaches head office exactly once and in
 * order (a lost reply included), a customer registered at one branch is found at the
 * other and kept there for offline use, and two branches registering the same
 * document while offline both keep their customer, with an alarm at head office.
 */
let ho: TestHeadOffice;
const branches: Array<{ fixture: CounterFixture; proxy: FaultyProxy; clerk: string; code: string }> = [];

beforeAll(async () => {
  ho = await startTestHeadOffice();
  const server = await postgresServer();
  for (const code of ['KA', 'KB']) {
    const role = (await ho.addBranch(code)).role;
    const proxy = new FaultyProxy(server.host, server.port);
    await proxy.start();
    const fixture = await startCounter({
      headOffice: { mode: 'configured', host: '127.0.0.1', port: proxy.port, database: ho.database.name, user: role, sslmode: 'disable', caFile: null, certFile: null, keyFile: null },
      // The job runs when the test says (syncNow), so each step is seen as it happens.
      replicationStartDelayMs: 3_600_000,
    });
    branches.push({ fixture, proxy, clerk: await fixture.signIn('amina', '1234'), code });
  }
}, 180_000);
afterAll(async () => {
  for (const { fixture, proxy } of branches) {
    await fixture.close();
    await proxy.stop();
  }
  await ho?.close();
}, 120_000);

const person = (document: string, over: Partial<Input<'customers.register'>> = {}): Input<'customers.register'> => ({
  customerId: uuid7(),
  familyName: 'Robleh',
  givenNames: 'Ayan',
  birthDate: '1995-07-01',
  document: { type: 'identity-card', number: document, country: 'DJI' },
  phone: '77445566',
  ...over,
});

/** After an outage the first exchange may still find the old, cut connection: the job reconnects on the next. */
async function syncOnline(branch: (typeof branches)[number]) {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const status = await branch.fixture.ok('replication.syncNow', {}, branch.clerk);
    if (status.state === 'online' && branch.fixture.counter.status().headOffice) return status;
  }
  throw new Error('the link did not come back');
}

const heldRecords = async (code: string) =>
  (await ho.staff.query<{ seq: string; record_id: string }>('SELECT seq, record_id FROM ho.branch_records WHERE branch_code = $1 ORDER BY seq', [code])).rows.map((r) => [Number(r.seq), r.record_id]);

describe('the register stream', () => {
  it('reaches head office exactly once and in order, a lost reply included', async () => {
    const a = branches[0]!;
    await syncOnline(a);
    const first = await a.fixture.ok('customers.register', person('KA0001'), a.clerk);
    const second = await a.fixture.ok('customers.register', person('KA0002', { phone: '77000002' }), a.clerk);
    // Head office commits the batch; its answer never comes back.
    const dropped = a.proxy.dropNextReplyTo('push_records');
    const lost = await a.fixture.ok('replication.syncNow', {}, a.clerk);
    await dropped;
    expect(lost.state).toBe('offline');
    expect(await heldRecords('KA')).toEqual([
      [1, first.id],
      [2, second.id],
    ]);
    // The branch did not hear the acknowledgement: it sends again, and head office adds nothing.
    const edited = await a.fixture.ok('customers.update', { customerId: first.id, expectedVersion: 1, changes: { phone: '77000001' } }, a.clerk);
    await syncOnline(a);
    expect(await heldRecords('KA')).toEqual([
      [1, first.id],
      [2, second.id],
      [3, first.id],
    ]);
    const national = await ho.staff.query<{ id: string; version: number; phone: string; origin_branch: string }>('SELECT id, version, phone, origin_branch FROM ho.customers ORDER BY created_at, id');
    expect(national.rows).toEqual([
      { id: first.id, version: edited.version, phone: '77000001', origin_branch: 'KA' },
      { id: second.id, version: 1, phone: '77000002', origin_branch: 'KA' },
    ]);
    expect((await ho.staff.query("SELECT 1 FROM ho.alarms WHERE branch_code = 'KA'")).rows).toEqual([]);
  });

  it('finds at another branch a customer registered here, audited at head office, and keeps it there for offline use', async () => {
    const b = branches[1]!;
    await syncOnline(b);
    const found = await b.fixture.ok('customers.find', { document: { type: 'identity-card', number: 'ka 0001', country: 'DJI' } }, b.clerk);
    expect(found.national).toEqual({ state: 'found', detail: null });
    expect(found.customers).toHaveLength(1);
    expect(found.customers[0]).toMatchObject({ familyName: 'Robleh', phone: '77000001', version: 2, source: 'national', originBranch: 'KA' });
    const audit = await ho.staff.query<{ branch_code: string; operator: string; found: string[] }>('SELECT branch_code, operator, found FROM ho.customer_lookups');
    expect(audit.rows).toEqual([{ branch_code: 'KB', operator: 'amina', found: [found.customers[0]!.id] }]);

    b.proxy.setDown(true);
    b.proxy.cutAll();
    await b.fixture.ok('replication.syncNow', {}, b.clerk);
    const offline = await b.fixture.ok('customers.find', { document: { type: 'identity-card', number: 'KA0001', country: 'DJI' } }, b.clerk);
    expect(offline.customers.map((c) => c.id)).toEqual([found.customers[0]!.id]);
    expect(offline.national.state).toBe('not-asked');
    const history = await b.fixture.ok('customers.history', { customerId: found.customers[0]!.id }, b.clerk);
    expect(history.map((h) => h.kind)).toEqual(['received-from-head-office']);
    // Not found here, and head office unreachable: said plainly, with the link's reason.
    const unknown = await b.fixture.ok('customers.find', { phone: '77999999' }, b.clerk);
    expect(unknown.customers).toEqual([]);
    expect(unknown.national.state).toBe('offline');
    expect(unknown.national.detail).toBeTruthy();
    b.proxy.setDown(false);
  });

  it('keeps both customers when two branches registered the same document offline, with an alarm for review', async () => {
    const [a, b] = [branches[0]!, branches[1]!];
    for (const branch of [a, b]) {
      branch.proxy.setDown(true);
      branch.proxy.cutAll();
    }
    const atA = await a.fixture.ok('customers.register', person('SAME77', { givenNames: 'Hodan' }), a.clerk);
    const atB = await b.fixture.ok('customers.register', person('SAME77', { givenNames: 'Hodan' }), b.clerk);
    // Waiting to be sent, and said so on the status bar beside the ledger's count.
    expect(a.fixture.counter.status().headOffice).toMatchObject({ unsynced: 0, registerUnsynced: 1 });
    for (const branch of [a, b]) branch.proxy.setDown(false);
    await syncOnline(a);
    await syncOnline(b);
    const { rows } = await ho.staff.query<{ id: string; duplicate_of: string | null; origin_branch: string }>(
      "SELECT id, duplicate_of, origin_branch FROM ho.customers WHERE document_number = 'SAME77' ORDER BY duplicate_of NULLS FIRST",
    );
    expect(rows).toEqual([
      { id: atA.id, duplicate_of: null, origin_branch: 'KA' },
      { id: atB.id, duplicate_of: atA.id, origin_branch: 'KB' },
    ]);
    const alarms = await ho.staff.query<{ branch_code: string; detail: string }>("SELECT branch_code, detail FROM ho.alarms WHERE kind = 'customer-document-conflict'");
    expect(alarms.rows).toEqual([{ branch_code: 'KB', detail: expect.stringContaining(atA.id) as string }]);
    // Every record each branch sent is held, in its own gap-free sequence.
    for (const branch of [a, b]) {
      const held = (await heldRecords(branch.code)).map(([seq]) => seq);
      expect(held).toEqual(Array.from({ length: held.length }, (_, i) => i + 1));
      expect(branch.fixture.counter.status().headOffice).toMatchObject({ state: 'online', registerUnsynced: 0 });
    }
  });
});
