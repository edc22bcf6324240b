// Codes the renderer shows through the catalogs (customs categories, identity documents, ledger
// accounts): each needs a name in every language, or the screen falls back to the raw code.
import { describe, expect, test } from 'vitest';
import { ID_DOCUMENT_TYPES } from '@shared/contract';
import { CUSTOMS_CATEGORIES } from '@shared/customs';
import { accountFor } from '../../electron/services/ledger/accounts';
import { ar } from '../../renderer/src/i18n/ar';
import { en } from '../../renderer/src/i18n/en';
import { fr, type Catalog } from '../../renderer/src/i18n/fr';
import { isMessageKey, translate } from '../../renderer/src/i18n/translate';
import { accountMessage } from '../../renderer/src/hooks/use-account-label';

const catalogs: Record<string, Record<string, string>> = { fr, en, ar };
/** Every account kind the ledger opens, read off the chart of accounts itself (a new kind cannot be forgotten). */
const accounts = Object.values(accountFor).map((make) => make('PRODUCT', 'G1', 'DJF'));

describe.each(Object.keys(catalogs))('%s names the codes shown on screen', (language) => {
  const catalog = catalogs[language]!;
  test('customs categories', () => {
    expect(CUSTOMS_CATEGORIES.filter((category) => !catalog[`customs.category.${category}`])).toEqual([]);
  });
  test('identity document types', () => {
    expect(ID_DOCUMENT_TYPES.filter((type) => !catalog[`pickup.idType.${type}`])).toEqual([]);
  });
  test('ledger account codes', () => {
    expect(accounts.map((account) => account.code).filter((code) => !catalog[`account.${code}`])).toEqual([]);
  });
});

describe('account ids carry what tells one account of a kind from another', () => {
  // The journal screen names `revenue:STAMP-LOCAL:DJF` from its code and the part between code and currency.
  test.each(accounts.filter((account) => ['revenue', 'paid-in', 'paid-out', 'cod-payable'].includes(account.code)))('$code', (account) => {
    const parts = account.id.split(':');
    expect(parts[0]).toBe(account.code);
    expect(parts.at(-1)).toBe(account.currency);
    expect(parts.slice(1, -1).join(':')).toBe('PRODUCT');
  });
});

describe('journal account names', () => {
  const label = (catalog: Catalog, account: { id: string; name: string; code?: string }, tillId?: string | null) => {
    const message = accountMessage(account, tillId);
    return message && isMessageKey(catalog, message.key) ? translate(catalog, message.key, message.params) : account.name;
  };
  test('come from the catalog by code, with the product, reason, marketplace or till', () => {
    expect(label(fr, accountFor.revenue('STAMP-LOCAL', 'DJF'))).toBe('Recettes STAMP-LOCAL');
    expect(label(ar, accountFor.codPayable('E-SUUQ', 'DJF'))).toBe('مبالغ الدفع عند الاستلام المستحقة: E-SUUQ');
    expect(label(en, accountFor.tillCash('session-1', 'G1', 'DJF'), 'G1')).toBe('Till G1 cash');
    expect(label(fr, accountFor.suspense('DJF'))).toBe('Compte d’attente (litiges)');
  });
  test('fall back to the stored name when the code or the id is not what the screen expects', () => {
    expect(label(fr, { id: 'revenue:STAMP-LOCAL:DJF', name: 'Revenue STAMP-LOCAL' })).toBe('Revenue STAMP-LOCAL');
    expect(label(fr, { id: 'odd', name: 'Odd account', code: 'revenue' })).toBe('Odd account');
    expect(label(fr, accountFor.tillCash('session-1', 'G1', 'DJF'), null)).toBe('Till G1 cash');
  });
});
