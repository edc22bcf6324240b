// Every refusal the savings, customers and counterparty services can answer, and every reason head
// office's savings functions give, has a sentence in French, English and Arabic: read off the
// sources themselves, so a new rule without words fails here instead of showing the clerk a code.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PASSBOOK_LINE_KINDS, PASSBOOK_PRINT_OUTCOMES, SAVINGS_STATUSES } from '@shared/contract';
import { ar } from '../../../renderer/src/i18n/ar';
import { en } from '../../../renderer/src/i18n/en';
import { fr } from '../../../renderer/src/i18n/fr';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const catalogs: Record<string, Record<string, string>> = { fr, en, ar };

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** `rule: 'x'`, `rule: cond ? 'x' : 'y'`, and a rule handed to a helper as `'…-needs-head-office'`. */
function rulesIn(folder: string): Set<string> {
  const rules = new Set<string>();
  for (const text of sources(join(ROOT, 'electron', 'services', folder))) {
    for (const match of text.matchAll(/rule:\s*(?:[^,;{}]*\?\s*)?'([a-z0-9-]+)'(?:\s*:\s*'([a-z0-9-]+)')?/g)) {
      rules.add(match[1]!);
      if (match[2]) rules.add(match[2]);
    }
    for (const match of text.matchAll(/'([a-z]+(?:-[a-z]+)*-needs-head-office)'/g)) rules.add(match[1]!);
  }
  return rules;
}

/** The reasons head office's savings functions answer a refusal with (they reach the window as rules or as a withdrawal's refusal). */
function headOfficeReasons(): Set<string> {
  const text = readFileSync(join(ROOT, 'electron', 'services', 'headoffice', 'migrations', 'savings-functions-sql.ts'), 'utf8');
  const reasons = new Set<string>();
  for (const line of text.split('\n').filter((l) => l.includes('reason'))) {
    for (const match of line.matchAll(/'([a-z]+(?:-[a-z]+)+)'/g)) reasons.add(match[1]!);
    for (const match of line.matchAll(/'reason',\s*'([a-z-]+)'/g)) reasons.add(match[1]!);
  }
  return reasons;
}

const savingsRules = new Set([...rulesIn('savings'), ...rulesIn('counterparty'), ...headOfficeReasons()]);
const customerRules = rulesIn('customers');

describe('the sources are read', () => {
  test('the scan finds the rules it must word (or this file would pass on nothing)', () => {
    for (const rule of ['withdrawal-needs-head-office', 'not-the-holder', 'passbook-needs-head-office', 'unknown-account-offline', 'insufficient-available', 'cancelled', 'not-your-operation']) {
      expect(savingsRules).toContain(rule);
    }
    expect(customerRules).toContain('customer-document-taken');
  });
});

describe.each(Object.keys(catalogs))('%s words every savings refusal', (language) => {
  const catalog = catalogs[language]!;
  test('savings, counterparty and head office refusals: cash.rule.*', () => {
    expect([...savingsRules].filter((rule) => !catalog[`cash.rule.${rule}`] && !catalog[`customers.rule.${rule}`])).toEqual([]);
  });
  test('customer register refusals: customers.rule.*', () => {
    expect([...customerRules].filter((rule) => !catalog[`customers.rule.${rule}`])).toEqual([]);
  });
  test('account statuses, line kinds and passbook outcomes', () => {
    const keys = [
      ...SAVINGS_STATUSES.map((status) => `savings.status.${status}`),
      ...PASSBOOK_LINE_KINDS.map((kind) => `passbook.line.${kind}`),
      ...PASSBOOK_PRINT_OUTCOMES.map((outcome) => `passbook.outcome.${outcome}`),
      ...['insert', 'turn-page', 'printing'].map((state) => `passbook.prompt.${state}`),
      ...['savings.withdraw', 'savings.reportLostPassbook', 'savings.reprintPassbook'].flatMap((action) => [`approval.action.${action}`, `action.${action}`]),
      'ops.kind.savings-deposit',
      'ops.kind.savings-withdrawal',
    ];
    expect(keys.filter((key) => !catalog[key])).toEqual([]);
  });
});
