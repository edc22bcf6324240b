import { sql, type Selectable } from 'kysely';
import type { Sqlite } from '../db/open-database';
import type { CustomerChangeTable, CustomerTable } from './customers.tables';
import { all, build, first, run } from '../db/typed-statement';

export type CustomerRow = Selectable<CustomerTable>;
export type CustomerChangeRow = Selectable<CustomerChangeTable>;

/** The most customers one search shows: a clerk narrows the search rather than scrolls. */
const FOUND_LIMIT = 20;

export function customerById(sqlite: Sqlite, id: string): CustomerRow | undefined {
  return first(sqlite, build.selectFrom('customers').selectAll().where('id', '=', id));
}

export function customerByDocument(sqlite: Sqlite, document: { type: CustomerRow['document_type']; number: string; country: string }): CustomerRow | undefined {
  return first(
    sqlite,
    build
      .selectFrom('customers')
      .selectAll()
      .where('document_type', '=', document.type)
      .where('document_country', '=', document.country)
      .where('document_number', '=', document.number),
  );
}

export function customersByPhone(sqlite: Sqlite, phone: string): CustomerRow[] {
  return all(sqlite, build.selectFrom('customers').selectAll().where('phone', '=', phone).orderBy('family_name').limit(FOUND_LIMIT));
}

/** Family or given names containing `fragment` (case-insensitive for ASCII, as SQLite's LIKE is). */
export function customersByName(sqlite: Sqlite, fragment: string): CustomerRow[] {
  // A % or _ the clerk typed is a character to find, not a wildcard.
  const pattern = `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return all(
    sqlite,
    build
      .selectFrom('customers')
      .selectAll()
      .where(sql<boolean>`(family_name LIKE ${pattern} ESCAPE '\\' OR given_names LIKE ${pattern} ESCAPE '\\')`)
      .orderBy('family_name')
      .orderBy('given_names')
      .limit(FOUND_LIMIT),
  );
}

export function insertCustomer(sqlite: Sqlite, row: CustomerRow): void {
  run(sqlite, build.insertInto('customers').values(row));
}

/** Writes the edit only over the version the clerk saw; 0 rows means someone changed it meanwhile. */
export function updateCustomer(sqlite: Sqlite, row: CustomerRow, seenVersion: number): number {
  const { id, ...fields } = row;
  return run(sqlite, build.updateTable('customers').set(fields).where('id', '=', id).where('version', '=', seenVersion));
}

export function insertChange(sqlite: Sqlite, change: Omit<CustomerChangeRow, 'seq'>): void {
  run(sqlite, build.insertInto('customer_changes').values(change));
}

export function changesOf(sqlite: Sqlite, customerId: string): CustomerChangeRow[] {
  return all(sqlite, build.selectFrom('customer_changes').selectAll().where('customer_id', '=', customerId).orderBy('version'));
}

/** The KYC tiers head office published (reference pull, kind `kyc-tier`): key and body (JSON). */
export function kycTierBodies(sqlite: Sqlite): Array<{ key: string; body: string }> {
  return all(sqlite, build.selectFrom('replication_reference').select(['key', 'body']).where('kind', '=', 'kyc-tier'));
}

export function publishedTier(sqlite: Sqlite, tier: string): boolean {
  return first(sqlite, build.selectFrom('replication_reference').select('key').where('kind', '=', 'kyc-tier').where('key', '=', tier)) !== undefined;
}
