import { ContractError, type BranchProfile, type CustomerView, type ParsedInput, type Output } from '@shared/contract';
import type { AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import type { Sqlite } from '../db/open-database';
import type { NationalLookupAnswer, NationalLookupKey } from '../headoffice/register-api';
import { localIsoTime } from '../ledger/local-time';
import { appendRegisterRecord } from '../replication/register-outbox';
import { changedFields, documentNumberOf, phoneOf, registerPayload, rowOfNational, viewOf, type PersonRecord } from './customer-record';
import { changesOf, customerByDocument, customerById, customersByName, customersByPhone, insertChange, insertCustomer, updateCustomer, type CustomerRow } from './customers.repository';
import { requireKnownTier } from './kyc-tiers';

/** Head office's national register, as a lookup at the window asks it (ReplicationService answers). */
export interface NationalRegister {
  lookupCustomers(key: NationalLookupKey, operator: string): Promise<NationalLookupAnswer>;
}

export interface CustomerRegisterDeps {
  sqlite: Sqlite;
  clock: Clock;
  audit: AuditLog;
  branch: () => BranchProfile | null;
  /** Null when the counter runs without a head office. */
  national: NationalRegister | null;
}

type Register = ParsedInput<'customers.register'>;
type Update = ParsedInput<'customers.update'>;
type Find = ParsedInput<'customers.find'>;

/**
 * The customer register: every change is one SQLite transaction that writes the
 * record, its history row, its audit entry and its register record for head office
 * together. Audit details name the customer by id and the fields touched, never
 * their values: the trail is read by auditors, who do not see personal data.
 */
export class CustomerRegister {
  constructor(private readonly deps: CustomerRegisterDeps) {}

  private now(): string {
    return localIsoTime(this.deps.clock.now());
  }

  private record(operator: string, action: string, customerId: string | null, outcome: 'ok' | 'refused', details: Record<string, unknown>): void {
    this.deps.audit.record({ actor: operator, action, subject: customerId, outcome, details });
  }

  /** The same person, keyed in once; the id comes from the window, so a repeated Enter registers once. */
  register(input: Register, operator: string): Output<'customers.register'> {
    const { sqlite } = this.deps;
    const person = this.personOf(input);
    return this.auditingRefusal(operator, 'customers.register', () => {
      const same = customerById(sqlite, input.customerId);
      if (same) {
        if (changedFields(same, person).length > 0) {
          throw new ContractError('CONFLICT', 'this registration id was already used for other details', { rule: 'customer-id-reused', customerId: same.id });
        }
        return { ...viewOf(same), replayed: true };
      }
      const holder = customerByDocument(sqlite, { type: person.document_type, number: person.document_number, country: person.document_country });
      if (holder) throw documentTaken(holder);
      const at = this.now();
      const row: CustomerRow = {
        id: input.customerId,
        ...person,
        origin_branch: this.deps.branch()?.code ?? 'UNSET',
        created_by: operator,
        created_at: at,
        updated_by: operator,
        updated_at: at,
        version: 1,
        source: 'branch',
      };
      insertCustomer(sqlite, row);
      insertChange(sqlite, { customer_id: row.id, version: 1, kind: 'registered', at, by: operator, changes: JSON.stringify(changedFields(null, person)) });
      appendRegisterRecord(sqlite, { kind: 'customer', recordId: row.id, payload: registerPayload(row), at });
      this.record(operator, 'customers.register', row.id, 'ok', { customerId: row.id });
      return { ...viewOf(row), replayed: false };
    });
  }

  /** Only over the version the clerk saw, and kept in the history field by field. */
  update(input: Update, operator: string): CustomerView {
    const { sqlite } = this.deps;
    return this.auditingRefusal(operator, 'customers.update', () => {
      const held = this.held(input.customerId);
      if (held.version !== input.expectedVersion) {
        throw new ContractError('CONFLICT', 'this customer was changed meanwhile: read it again before editing', {
          rule: 'customer-changed-meanwhile',
          customerId: held.id,
          version: held.version,
        });
      }
      const { changes } = input;
      const person: PersonRecord = {
        family_name: changes.familyName ?? held.family_name,
        given_names: changes.givenNames ?? held.given_names,
        birth_date: changes.birthDate ?? held.birth_date,
        document_type: changes.document?.type ?? held.document_type,
        document_number: changes.document ? documentNumberOf(changes.document.number, 'changes.document.number') : held.document_number,
        document_country: changes.document?.country ?? held.document_country,
        document_expiry: changes.document ? (changes.document.expiry ?? null) : held.document_expiry,
        phone: changes.phone === undefined ? held.phone : changes.phone === null ? null : phoneOf(changes.phone),
        address: changes.address === undefined ? held.address : changes.address,
        kyc_tier: changes.kycTier === undefined ? held.kyc_tier : requireKnownTier(sqlite, changes.kycTier),
      };
      const changed = changedFields(held, person);
      if (changed.length === 0) return viewOf(held);
      const holder = customerByDocument(sqlite, { type: person.document_type, number: person.document_number, country: person.document_country });
      if (holder && holder.id !== held.id) throw documentTaken(holder);
      const at = this.now();
      const row: CustomerRow = { ...held, ...person, updated_by: operator, updated_at: at, version: held.version + 1 };
      if (updateCustomer(sqlite, row, held.version) !== 1) throw new Error('customer row changed inside its own transaction');
      insertChange(sqlite, { customer_id: row.id, version: row.version, kind: 'updated', at, by: operator, changes: JSON.stringify(changed) });
      appendRegisterRecord(sqlite, { kind: 'customer', recordId: row.id, payload: registerPayload(row), at });
      this.record(operator, 'customers.update', row.id, 'ok', { customerId: row.id, fields: changed.map((c) => c.field) });
      return viewOf(row);
    });
  }

  get(customerId: string, operator: string): CustomerView {
    const row = this.held(customerId);
    this.record(operator, 'customers.view', row.id, 'ok', { customerId: row.id });
    return viewOf(row);
  }

  history(customerId: string, operator: string): Output<'customers.history'> {
    const row = this.held(customerId);
    this.record(operator, 'customers.history', row.id, 'ok', { customerId: row.id });
    return changesOf(this.deps.sqlite, row.id).map((change) => ({
      version: change.version,
      at: change.at,
      by: change.by,
      kind: change.kind,
      changes: JSON.parse(change.changes) as Array<{ field: string; before: string | null; after: string | null }>,
    }));
  }

  /**
   * Here first (by document, phone or name); then, when nothing is found here and
   * there is a document or a phone to ask by, head office's national register. What
   * head office returns is kept here, so the customer is found again without the link.
   */
  async find(input: Find, operator: string): Promise<Output<'customers.find'>> {
    const { sqlite } = this.deps;
    if (!input.name && !input.document && !input.phone) {
      throw new ContractError('INVALID_INPUT', 'search by name, document or phone', {
        rule: 'customer-search-empty',
        issues: [{ path: 'name', message: 'search by name, document or phone', code: 'too_small' }],
      });
    }
    const document = input.document ? { type: input.document.type, number: documentNumberOf(input.document.number), country: input.document.country } : null;
    const phone = input.phone ? phoneOf(input.phone) : null;
    const found = new Map<string, CustomerRow>();
    if (document) for (const row of [customerByDocument(sqlite, document)]) if (row) found.set(row.id, row);
    if (phone) for (const row of customersByPhone(sqlite, phone)) found.set(row.id, row);
    if (input.name) for (const row of customersByName(sqlite, input.name)) found.set(row.id, row);

    let national: Output<'customers.find'>['national'] = { state: 'not-asked', detail: null };
    const key = document ? { document } : phone ? { phone } : null;
    if (found.size === 0 && key && input.national !== false) {
      const answer = this.deps.national ? await this.deps.national.lookupCustomers(key, operator) : ({ state: 'not-configured' } as const);
      switch (answer.state) {
        case 'answered':
          for (const row of this.keepNational(answer.records)) found.set(row.id, row);
          national = { state: answer.records.length > 0 ? 'found' : 'none', detail: null };
          break;
        case 'offline':
          national = { state: 'offline', detail: answer.detail };
          break;
        case 'not-configured':
          national = { state: 'not-configured', detail: null };
          break;
        default:
          throw new Error('unknown national answer');
      }
    }
    const customers = [...found.values()];
    // Which customers were shown, and whether head office's register was asked: never what was searched.
    this.record(operator, 'customers.find', null, 'ok', {
      customerIds: customers.map((c) => c.id),
      headOfficeAsked: national.state === 'found' || national.state === 'none' || national.state === 'offline',
    });
    return { customers: customers.map(viewOf), national };
  }

  /**
   * Customers head office returned, kept here for offline use: a new one as
   * `national`, a newer version over the one held (in the history as received
   * from head office). Not queued back to head office: it already holds them.
   * A record whose document another local customer holds is shown, not stored.
   */
  private keepNational(records: Parameters<typeof rowOfNational>[0][]): CustomerRow[] {
    const { sqlite } = this.deps;
    const kept: CustomerRow[] = [];
    const at = this.now();
    sqlite.transaction(() => {
      for (const record of records) {
        const incoming = rowOfNational(record);
        if (!incoming) continue;
        const held = customerById(sqlite, incoming.id);
        if (held && held.version >= incoming.version) {
          kept.push(held);
          continue;
        }
        const holder = customerByDocument(sqlite, { type: incoming.document_type, number: incoming.document_number, country: incoming.document_country });
        if (holder && holder.id !== incoming.id) {
          kept.push(incoming);
          continue;
        }
        const row = held ? { ...incoming, source: held.source } : incoming;
        if (held) updateCustomer(sqlite, row, held.version);
        else insertCustomer(sqlite, row);
        insertChange(sqlite, { customer_id: row.id, version: row.version, kind: 'received-from-head-office', at, by: row.updated_by, changes: JSON.stringify(changedFields(held ?? null, row)) });
        kept.push(row);
      }
    })();
    return kept;
  }

  private held(customerId: string): CustomerRow {
    const row = customerById(this.deps.sqlite, customerId);
    if (!row) throw new ContractError('NOT_FOUND', 'no such customer at this branch', { rule: 'unknown-customer', customerId });
    return row;
  }

  private personOf(input: Register): PersonRecord {
    return {
      family_name: input.familyName,
      given_names: input.givenNames,
      birth_date: input.birthDate,
      document_type: input.document.type,
      document_number: documentNumberOf(input.document.number),
      document_country: input.document.country,
      document_expiry: input.document.expiry ?? null,
      phone: input.phone ? phoneOf(input.phone) : null,
      address: input.address ?? null,
      kyc_tier: requireKnownTier(this.deps.sqlite, input.kycTier ?? null),
    };
  }

  /**
   * One transaction; a refused duplicate document is audited after it rolled back,
   * so the refusal stays on record while nothing of the refused change does.
   */
  private auditingRefusal<T>(operator: string, action: string, change: () => T): T {
    try {
      return this.deps.sqlite.transaction(change)();
    } catch (error) {
      const customer = error instanceof ContractError && error.details?.rule === 'customer-document-taken' ? (error.details.customer as CustomerView) : null;
      if (customer) this.record(operator, action, customer.id, 'refused', { customerId: customer.id, rule: 'customer-document-taken' });
      throw error;
    }
  }
}

/** The document belongs to another customer: refused, and the first one shown (the clerk is probably serving them). */
function documentTaken(holder: CustomerRow): ContractError {
  return new ContractError('CONFLICT', 'this identity document is already registered to another customer', {
    rule: 'customer-document-taken',
    customer: viewOf(holder),
  });
}
