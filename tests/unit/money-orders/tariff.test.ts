import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/contract';
import { MoneyOrderTariffBody, priceOf, type MoneyOrderTariffBody as Tariff } from '../../../electron/services/money-orders/tariff';

const TARIFF: Tariff = {
  currency: 'DJF',
  bands: [
    { up_to: 10_000, fee: 300 },
    { up_to: 100_000, fee: 1_000 },
    { up_to: 500_000, fee: 2_500 },
  ],
  validity_days: 90,
  payee_document_above: 50_000,
  max_amount: 500_000,
  cancel_refunds_fee: false,
};

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ContractError) return { code: error.code, rule: error.details?.rule };
    throw error;
  }
  throw new Error('not refused');
};

describe('money order tariff', () => {
  it('charges the fee of the first band the amount does not exceed, band ends included', () => {
    expect(priceOf(TARIFF, 'domestic', 1, 'DJF').fee).toBe(300);
    expect(priceOf(TARIFF, 'domestic', 10_000, 'DJF').fee).toBe(300);
    expect(priceOf(TARIFF, 'domestic', 10_001, 'DJF').fee).toBe(1_000);
    expect(priceOf(TARIFF, 'domestic', 500_000, 'DJF').fee).toBe(2_500);
  });

  it('asks for the payee’s document strictly above the threshold', () => {
    expect(priceOf(TARIFF, 'domestic', 50_000, 'DJF').payeeDocumentRequired).toBe(false);
    expect(priceOf(TARIFF, 'domestic', 50_001, 'DJF').payeeDocumentRequired).toBe(true);
  });

  it('refuses above the maximum and in another currency', () => {
    expect(refusal(() => priceOf(TARIFF, 'domestic', 500_001, 'DJF'))).toEqual({ code: 'RULE_BROKEN', rule: 'money-order-above-maximum' });
    expect(refusal(() => priceOf(TARIFF, 'domestic', 1_000, 'XAF'))).toEqual({ code: 'INVALID_INPUT', rule: 'currency-mismatch' });
  });

  it('reads only a tariff whose bands rise and cover the maximum', () => {
    expect(MoneyOrderTariffBody.safeParse(TARIFF).success).toBe(true);
    expect(MoneyOrderTariffBody.safeParse({ ...TARIFF, bands: [...TARIFF.bands].reverse() }).success).toBe(false);
    expect(MoneyOrderTariffBody.safeParse({ ...TARIFF, max_amount: 600_000 }).success).toBe(false);
    expect(MoneyOrderTariffBody.safeParse({ ...TARIFF, bands: [] }).success).toBe(false);
    expect(MoneyOrderTariffBody.safeParse({ ...TARIFF, bands: [{ up_to: 500_000, fee: -1 }] }).success).toBe(false);
  });
});
