import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { makeSavingsAccountNumber } from '@shared/savings-account-number';
import { uuid7 } from '@shared/uuid7';
import { DemoHeadOffice } from '../../electron/services/headoffice/demo-head-office';
import { HeadOfficeApi } from '../../electron/services/headoffice/head-office-api';
import { HeadOfficeSavingsApi } from '../../electron/services/headoffice/savings-api';
import productsSample from '../../resources/samples/savings-products.json' with { type: 'json' };
import { makeTempDir } from '../support/temp-dir';

const temp = makeTempDir('savings-pglite-');
afterAll(() => temp.remove());

// `npm start` with no head office runs the demo head office (PGlite): a clerk there must be able to
// open an account, so it publishes the SAMPLE products, KYC tiers and an account-number range for
// the branch, as head-office staff would, and the branch pulls them like any reference item.
it('the demo head office publishes the sample savings products, KYC tiers and a number range once, and opens an account from them', async () => {
  const dir = join(temp.dir, 'ho');
  const first = await DemoHeadOffice.open(dir, 'DEMO1');
  let latest: number;
  let accountNumber: string;
  try {
    const pulled = await new HeadOfficeApi(first.connection(), 'DEMO1').pull(0);
    latest = pulled.latest_version;
    const keys = (kind: string) => pulled.items.filter((item) => item.kind === kind).map((item) => item.key);
    expect(keys('savings-product')).toEqual(productsSample.products.map((product) => product.code));
    expect(keys('kyc-tier').sort()).toEqual(['basic', 'full']);
    const range = pulled.items.find((item) => item.kind === 'savings-range');
    expect(range?.body).toMatchObject({ first_serial: expect.any(Number), last_serial: expect.any(Number) });
    // The product head office holds is the sample's, figure for figure.
    expect(pulled.items.find((item) => item.kind === 'savings-product')?.body).toMatchObject(productsSample.products[0]!);

    const body = range!.body as { first_serial: number };
    accountNumber = makeSavingsAccountNumber(body.first_serial);
    const api = new HeadOfficeSavingsApi(first.connection(), 'DEMO1');
    const opened = await api.open({
      operationId: uuid7(), accountNumber, customerId: uuid7(), productCode: productsSample.products[0]!.code, kycTier: 'basic', openedAt: new Date().toISOString(),
    });
    expect(opened.outcome).toBe('opened');
  } finally {
    await first.close();
  }

  // Started again on the same folder: nothing published twice, the account still there.
  const again = await DemoHeadOffice.open(dir, 'DEMO1');
  try {
    const pulled = await new HeadOfficeApi(again.connection(), 'DEMO1').pull(latest);
    expect(pulled.items).toEqual([]);
    const account = await new HeadOfficeSavingsApi(again.connection(), 'DEMO1').account(accountNumber);
    expect(account).toMatchObject({ found: true });
  } finally {
    await again.close();
  }
}, 600_000);
