import { ContractError, type CustomerView } from '@shared/contract';
import type { NationalCustomerRecord } from '../headoffice/register-api';
import type { CustomerRow } from './customers.repository';

/**
 * The fields a person's record carries, and how each is compared and shown in
 * history. Identity and contact only: who changed it and when live beside them.
 */
export const PERSON_FIELDS = [
  'family_name',
  'given_names',
  'birth_date',
  'document_type',
  'document_number',
  'document_country',
  'document_expiry',
  'phone',
  'address',
  'kyc_tier',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];
export type PersonRecord = Pick<CustomerRow, PersonField>;

/** History and audit name fields as the contract does (`document.number`), not as the table does. */
export const FIELD_NAMES: Record<PersonField, string> = {
  family_name: 'familyName',
  given_names: 'givenNames',
  birth_date: 'birthDate',
  document_type: 'document.type',
  document_number: 'document.number',
  document_country: 'document.country',
  document_expiry: 'document.expiry',
  phone: 'phone',
  address: 'address',
  kyc_tier: 'kycTier',
};

/**
 * A document number as the MRZ writes it: upper case letters and digits. Spaces,
 * dashes, dots and slashes a clerk types between groups are dropped, so the same
 * card typed two ways is the same document for the UNIQUE rule.
 */
export function documentNumberOf(typed: string, path = 'document.number'): string {
  const number = typed.toUpperCase().replace(/[\s.\-/]/g, '');
  if (!/^[A-Z0-9]{1,30}$/.test(number)) {
    throw new ContractError('INVALID_INPUT', 'a document number has letters and digits only', {
      rule: 'document-number-format',
      issues: [{ path, message: 'letters and digits only', code: 'invalid_format' }],
    });
  }
  return number;
}

/** Digits, and a leading + when the clerk typed one: `77 12-34.56` and `77123456` are one phone. */
export function phoneOf(typed: string): string {
  return typed.replace(/[\s.-]/g, '');
}

export function changedFields(before: PersonRecord | null, after: PersonRecord): Array<{ field: string; before: string | null; after: string | null }> {
  return PERSON_FIELDS.filter((field) => (before?.[field] ?? null) !== after[field]).map((field) => ({
    field: FIELD_NAMES[field],
    before: before?.[field] ?? null,
    after: after[field],
  }));
}

export function viewOf(row: CustomerRow): CustomerView {
  return {
    id: row.id,
    familyName: row.family_name,
    givenNames: row.given_names,
    birthDate: row.birth_date,
    document: { type: row.document_type, number: row.document_number, country: row.document_country, expiry: row.document_expiry },
    phone: row.phone,
    address: row.address,
    kycTier: row.kyc_tier,
    originBranch: row.origin_branch,
    createdAt: row.created_at,
    createdBy: row.created_by,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
    version: row.version,
    source: row.source,
  };
}

/** What head office holds after this change: the whole record, so applying it needs nothing else. */
export function registerPayload(row: CustomerRow): Record<string, unknown> {
  const { source: _source, ...record } = row;
  return record;
}

const DOCUMENT_TYPES = new Set<string>(['identity-card', 'passport', 'residence-permit', 'other']);

/** A record from the national register as a local row (null when head office sent a type this counter does not know). */
export function rowOfNational(record: NationalCustomerRecord): CustomerRow | null {
  if (!DOCUMENT_TYPES.has(record.document_type)) return null;
  return { ...record, document_type: record.document_type as CustomerRow['document_type'], source: 'national' };
}
