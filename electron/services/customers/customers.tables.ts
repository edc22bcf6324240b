import type { Generated } from 'kysely';
import type { DocumentType } from '@shared/contract';

/** Row shapes of the customer register (migration 0020). */

export interface CustomerTable {
  id: string;
  family_name: string;
  given_names: string;
  /** YYYY-MM-DD */
  birth_date: string;
  document_type: DocumentType;
  /** Upper-case letters and digits only (what the MRZ carries): the UNIQUE key compares these. */
  document_number: string;
  document_country: string;
  document_expiry: string | null;
  /** Digits, with a leading + when typed so. */
  phone: string | null;
  address: string | null;
  kyc_tier: string | null;
  origin_branch: string;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
  version: number;
  source: 'branch' | 'national';
}

/** One registration or edit, with each field's before and after (JSON). Append-only. */
export interface CustomerChangeTable {
  seq: Generated<number>;
  customer_id: string;
  version: number;
  kind: 'registered' | 'updated' | 'received-from-head-office';
  at: string;
  by: string;
  /** JSON array of { field, before, after }. */
  changes: string;
}

/** The branch's register stream to head office: gap-free seq, generic kind. Append-only. */
export interface RegisterOutboxTable {
  seq: number;
  kind: string;
  record_id: string;
  payload: string;
  at: string;
}

export interface RegisterReplicationTable {
  id: number;
  acked_seq: number;
}

export interface CustomerTables {
  customers: CustomerTable;
  customer_changes: CustomerChangeTable;
  register_outbox: RegisterOutboxTable;
  register_replication: RegisterReplicationTable;
}
