import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DemoHeadOffice } from '../../electron/services/headoffice/demo-head-office';
import { HeadOfficeRegisterApi } from '../../electron/services/headoffice/register-api';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('customers-pglite-');
afterAll(() => temp.remove());

// The demo head office (PGlite) is what a counter without configuration runs: the register
// stream and the national lookup must work there as on PostgreSQL.
it('the embedded PGlite head office takes the register stream once and answers the audited lookup', async () => {
  const demo = await DemoHeadOffice.open(join(temp.dir, 'ho'), 'DEMO1');
  try {
    const connection = demo.connection();
    const branch = await HeadOfficeRegisterApi.sessionBranch(connection);
    expect(branch).toBe('DEMO1');
    const api = new HeadOfficeRegisterApi(connection, branch!);
    const record = {
      id: '0198c0de-0000-7000-8000-000000000001', family_name: 'ALI', given_names: 'HODAN', birth_date: '1990-01-02',
      document_type: 'passport', document_number: 'PD123', document_country: 'DJI', document_expiry: null, phone: '77112233',
      address: null, kyc_tier: null, origin_branch: 'DEMO1', created_by: 'amina', created_at: '2026-03-01T10:00:00+03:00',
      updated_by: 'amina', updated_at: '2026-03-01T10:00:00+03:00', version: 1,
    };
    const columns = [[1], ['customer'], [record.id], [JSON.stringify(record)], [record.updated_at]];
    expect(await api.push(columns)).toMatchObject({ status: 'ok', acked_seq: 1, inserted: 1 });
    expect(await api.push(columns)).toMatchObject({ status: 'ok', acked_seq: 1, inserted: 0, duplicates: 1 });
    const found = await api.lookup('amina', { document: { type: 'passport', number: 'PD123', country: 'DJI' } });
    expect(found.map((c) => [c.id, c.phone, c.origin_branch])).toEqual([[record.id, '77112233', 'DEMO1']]);
    expect(await api.lookup('amina', { phone: '77000000' })).toEqual([]);
  } finally {
    await demo.close();
  }
}, 300_000);
