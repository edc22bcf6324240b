// Every refusal the money-order service can answer, every reason head office's lock gives, and
// every status, kind, operation and approval the money-order screen shows has a sentence in French,
// English and Arabic: read off the sources themselves (as the savings words test does), so a new
// rule without words fails here instead of showing the clerk a code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { MONEY_ORDER_KINDS, MONEY_ORDER_STATUSES } from '@shared/contract';
import { MONEY_ORDER_KINDS_IN_LEDGER } from '@shared/money-order-ledger';
import { MONEY_ORDER_REFUSALS } from '../../../electron/services/headoffice/migrations/money-order-functions-sql';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import { fr } from '../../../renderer/src/i18n/fr';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SERVICE = join(ROOT, 'electron', 'services', 'money-orders');
const catalogs: Record<string, Record<string, string>> = { fr, en, ar };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** `rule: 'x'`, `rule: cond ? 'x' : 'y'`, and a field refusal named as `invalidAmount(path, 'x', …)`. */
function serviceRules(): Set<string> {
  const rules = new Set<string>();
  for (const text of sources(SERVICE)) {
    for (const match of text.matchAll(/rule:\s*(?:[^,;{}]*\?\s*)?'([a-z0-9-]+)'(?:\s*:\s*'([a-z0-9-]+)')?/g)) {
      rules.add(match[1]!);
      if (match[2]) rules.add(match[2]);
    }
    for (const match of text.matchAll(/invalidAmount\(\s*'[^']*',\s*'([a-z0-9-]+)'/g)) rules.add(match[1]!);
  }
  return rules;
}

/**
 * Head office's reasons for refusing a lock, and the counter's own when what head office locked
 * is not what the branch booked (`changed`, `refund-rule-changed`) or a refusal came without one.
 */
function lockRefusals(): Set<string> {
  const port = readFileSync(join(SERVICE, 'head-office-money-orders.ts'), 'utf8');
  const own = [...port.matchAll(/(?:return|reason:)\s*'([a-z]+(?:-[a-z]+)*)'/g)].map((match) => match[1]!);
  return new Set([...MONEY_ORDER_REFUSALS, ...own]);
}

const rules = serviceRules();
const refusals = lockRefusals();

describe('the sources are read', () => {
  test('the scans find the rules and reasons they must word (or this file would pass on nothing)', () => {
    for (const rule of ['money-order-needs-head-office', 'money-order-not-found', 'no-money-order-tariff', 'payee-document-required', 'international-fields-required']) {
      expect(rules).toContain(rule);
    }
    for (const reason of ['being-paid', 'paid', 'wrong-secret', 'expired', 'not-expired', 'changed', 'refund-rule-changed', 'refused']) expect(refusals).toContain(reason);
  });
});

describe.each(Object.keys(catalogs))('%s words every money-order refusal and state', (language) => {
  const catalog = catalogs[language]!;
  test('the service’s refusals: cash.rule.* (or the customer register’s)', () => {
    expect([...rules].filter((rule) => !catalog[`cash.rule.${rule}`] && !catalog[`customers.rule.${rule}`])).toEqual([]);
  });
  test('head office’s reasons for refusing a payment, a cancellation or a reimbursement: cash.rule.money-order-*', () => {
    expect([...refusals].filter((reason) => !catalog[`cash.rule.money-order-${reason}`])).toEqual([]);
  });
  test('statuses, kinds, ledger operations and approvals', () => {
    const keys = [
      ...MONEY_ORDER_STATUSES.flatMap((status) => [`mo.status.${status}`, `mo.badge.${status}`]),
      ...MONEY_ORDER_KINDS.map((kind) => `mo.kind.${kind}`),
      ...Object.values(MONEY_ORDER_KINDS_IN_LEDGER).map((kind) => `ops.kind.${kind}`),
      ...['moneyOrders.cancel', 'moneyOrders.reimburse'].flatMap((action) => [`approval.action.${action}`, `action.${action}`]),
      'mo.refusal.being-paid',
      'mo.refusal.paid',
      'tile.moneyOrders',
    ];
    expect(keys.filter((key) => !catalog[key])).toEqual([]);
  });
});
