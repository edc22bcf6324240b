import type { z } from 'zod';
import { ContractError, type MoneyOrderTariffView } from '@shared/contract';
import { MoneyOrderTariff } from '../headoffice/money-orders-api';
import type { Sqlite } from '../db/open-database';
import { typedStatement } from '../db/typed-statement';
import type { MoneyOrderKind } from './money-orders.tables';

/**
 * Head office's tariff as published (pull kind `money-order-tariff`, key `domestic` or
 * `international`), read only when its bands rise and the last covers the maximum: an amount is
 * never left without a fee.
 */
export const MoneyOrderTariffBody = MoneyOrderTariff.refine((t) => t.bands.every((band, i) => i === 0 || band.up_to > t.bands[i - 1]!.up_to), 'bands in increasing order')
  .refine((t) => (t.bands.at(-1)?.up_to ?? 0) >= t.max_amount, 'the last band covers the maximum');
export type MoneyOrderTariffBody = z.infer<typeof MoneyOrderTariffBody>;

export type TariffKey = MoneyOrderTariffView['key'];

/** Outgoing orders abroad pay the international tariff; the rest the domestic one. */
export const tariffKeyOf = (kind: MoneyOrderKind): TariffKey => (kind === 'domestic' ? 'domestic' : 'international');

export interface Priced {
  amount: number;
  fee: number;
  payeeDocumentRequired: boolean;
  validityDays: number;
  cancelRefundsFee: boolean;
}

/** The fee of the first band the amount does not exceed, and the tariff's rules for it. */
export function priceOf(tariff: MoneyOrderTariffBody, key: TariffKey, amount: number, currency: string): Priced {
  if (currency !== tariff.currency) {
    throw new ContractError('INVALID_INPUT', `the ${key} tariff is in ${tariff.currency}`, {
      rule: 'currency-mismatch',
      issues: [{ path: 'amount.currency', code: 'currency-mismatch', message: `the tariff is in ${tariff.currency}` }],
    });
  }
  if (amount > tariff.max_amount) {
    throw new ContractError('RULE_BROKEN', `a money order is at most ${tariff.max_amount}`, { rule: 'money-order-above-maximum', maximum: tariff.max_amount });
  }
  // The schema guarantees a band covers the maximum.
  const band = tariff.bands.find((b) => amount <= b.up_to)!;
  return {
    amount,
    fee: band.fee,
    payeeDocumentRequired: amount > tariff.payee_document_above,
    validityDays: tariff.validity_days,
    cancelRefundsFee: tariff.cancel_refunds_fee,
  };
}

/** The tariffs this branch pulled. A body that does not parse is refused as no tariff: a fee is never guessed. */
export function moneyOrderTariffs(sqlite: Sqlite) {
  const pulled = typedStatement(sqlite, (db, p: { kind: string; key: string }) =>
    db.selectFrom('replication_reference').select('body').where('kind', '=', p.kind).where('key', '=', p.key),
  );
  const read = (key: TariffKey): MoneyOrderTariffBody => {
    const row = pulled.get({ kind: 'money-order-tariff', key });
    const parsed = row ? MoneyOrderTariffBody.safeParse(JSON.parse(row.body)) : null;
    if (!parsed?.success) {
      throw new ContractError('RULE_BROKEN', `head office has not published a ${key} money order tariff this branch can read: no order can be priced`, {
        rule: 'no-money-order-tariff',
        tariff: key,
      });
    }
    return parsed.data;
  };
  return {
    read,
    /** The fee and rules for an amount; the amount must be in the tariff's currency and at most its maximum. */
    price(key: TariffKey, amount: number, currency: string): Priced {
      return priceOf(read(key), key, amount, currency);
    },
    view(key: TariffKey): MoneyOrderTariffView {
      const t = read(key);
      const money = (minor: number) => ({ minor, currency: t.currency });
      return {
        key,
        currency: t.currency,
        bands: t.bands.map((b) => ({ upTo: money(b.up_to), fee: money(b.fee) })),
        validityDays: t.validity_days,
        payeeDocumentAbove: money(t.payee_document_above),
        maxAmount: money(t.max_amount),
        cancelRefundsFee: t.cancel_refunds_fee,
      };
    },
  };
}

export type MoneyOrderTariffs = ReturnType<typeof moneyOrderTariffs>;

/** The expiry of an order issued at `issued`: the tariff's validity in whole days after. */
export const expiryOf = (issued: Date, validityDays: number): Date => new Date(issued.getTime() + validityDays * 86_400_000);
