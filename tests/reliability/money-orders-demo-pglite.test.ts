import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { uuid7 } from '@shared/uuid7';
import { moneyOrderRangeSchema } from '@shared/money-order-number';
import { DemoHeadOffice } from '../../electron/services/headoffice/demo-head-office';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { HeadOfficeMoneyOrdersApi, MoneyOrderTariff } from '../../electron/services/headoffice/money-orders-api';
import tariffSample from '../../resources/samples/money-order-tariff.json' with { type: 'json' };
import { makeSecret, orderRecord, RegisterStream, secretProof } from '../support/money-order-world';
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('money-orders-pglite-');
afterAll(() => temp.remove());

// `npm start` with no head office runs the demo head office (PGlite): a clerk there must be able to
// issue and pay money orders, so it publishes the SAMPLE tariff and an order-number range for the
// branch, as head-office staff would, and the same functions run there as on a real PostgreSQL.
it('the demo head office publishes the sample tariff and a number range once, and takes, shows and locks an order', async () => {
  const dir = join(temp.dir, 'ho');
  const first = await DemoHeadOffice.open(dir, 'DEMO1');
  let latest: number;
  let number: string;
  try {
    const pulled = await new HeadOfficeApi(first.connection(), 'DEMO1').pull(0);
    latest = pulled.latest_version;
    const tariff = pulled.items.find((item) => item.kind === 'money-order-tariff');
    const { key, ...sample } = tariffSample.tariffs[0]!;
    expect(tariff?.key).toBe(key);
    expect(MoneyOrderTariff.parse(tariff?.body)).toEqual(sample);
    const range = moneyOrderRangeSchema.parse(pulled.items.find((item) => item.kind === 'money-order-range')?.body);
    expect(range.last_serial - range.first_serial + 1).toBe(100_000);

    const secret = makeSecret();
    const record = orderRecord('DEMO1', range.first_serial, secret);
    number = record.number;
    expect(await new RegisterStream(first.connection(), 'DEMO1').push(record)).toMatchObject({ status: 'ok', inserted: 1 });
    const api = new HeadOfficeMoneyOrdersApi(first.connection(), 'DEMO1');
    expect(await api.lookup(number)).toMatchObject({ found: true, status: 'available', amount: record.amount, payee_document_required: false });
    const locked = await api.lock({
      operationId: uuid7(), pendingTransferId: `${uuid7()}/1`, number, purpose: 'pay', secretProof: secretProof(secret.secret, secret.salt), document: null, holdSeconds: 60,
    });
    expect(locked).toMatchObject({ outcome: 'locked', amount: record.amount });
    expect(await api.unlock(locked.operation_id)).toMatchObject({ state: 'released' });
  } finally {
    await first.close();
  }

  // Started again on the same folder: nothing published twice, the order still there.
  const again = await DemoHeadOffice.open(dir, 'DEMO1');
  try {
    expect((await new HeadOfficeApi(again.connection(), 'DEMO1').pull(latest)).items).toEqual([]);
    expect(await new HeadOfficeMoneyOrdersApi(again.connection(), 'DEMO1').lookup(number)).toMatchObject({ found: true, status: 'available' });
  } finally {
    await again.close();
  }
}, 600_000);
