import { z } from 'zod';
import { ContractError, DOCUMENT_TYPES, type MoneyOrderView } from '@shared/contract';
import { checkMoneyOrderNumber, spacedMoneyOrderNumber } from '@shared/money-order-number';
import type { MoneyOrderView as HeadOfficeOrder } from '../headoffice/money-orders-api';
import type { MoneyOrderRow, MoneyOrderStatus, NewMoneyOrder } from './money-orders.tables';

/** The number as typed, checked: a typo is refused here, never looked up (it could be someone else's order). */
export function orderNumberOf(typed: string, path = 'number'): string {
  const checked = checkMoneyOrderNumber(typed);
  if (checked.ok) return checked.number;
  const message = checked.problem === 'format' ? 'a money order number has 12 digits' : 'the check digits do not match: a digit is wrong';
  throw new ContractError('INVALID_INPUT', message, { rule: 'money-order-number-invalid', issues: [{ path, code: `money-order-number-${checked.problem}`, message }] });
}

const documentType = (value: string | null): MoneyOrderView['sender']['documentType'] => DOCUMENT_TYPES.find((t) => t === value) ?? null;
const last4 = (value: string | null): string | null => (value === null ? null : value.slice(-4));

/** Neither paid, cancelled nor reimbursed, and past its expiry: expired (head office derives it the same way). */
const OPEN_STATUSES: readonly MoneyOrderStatus[] = ['issued', 'available', 'transmitted', 'locked'];

/**
 * Where an order of the branch's copy stands: an order issued here is `issued` until its record
 * reaches head office, then available (domestic) or transmitted (abroad) as head office would say.
 */
export function standingOf(row: MoneyOrderRow, registerAckedSeq: number, now: Date): MoneyOrderStatus {
  let status = row.status;
  if (status === 'issued' && row.register_seq !== null && row.register_seq <= registerAckedSeq) status = row.kind === 'domestic' ? 'available' : 'transmitted';
  if (OPEN_STATUSES.includes(status) && now.getTime() >= Date.parse(row.expires_at)) return 'expired';
  return status;
}

/** The international fields as the branch keeps them (camelCase JSON), from its own issue or from head office's record. */
const KeptInternational = z.object({
  destinationCountry: z.string().optional(),
  payeeCurrency: z.string().optional(),
  purpose: z.string().optional(),
  exchangeReference: z.string().optional(),
});
type KeptInternational = z.infer<typeof KeptInternational>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function internationalOfHeadOffice(record: Record<string, unknown> | null): KeptInternational | null {
  if (record === null) return null;
  return {
    destinationCountry: text(record.destination_country) ?? text(record.origin_country),
    payeeCurrency: text(record.payee_currency),
    purpose: text(record.purpose),
    exchangeReference: text(record.exchange_reference),
  };
}

const internationalView = (kept: KeptInternational | null): MoneyOrderView['international'] =>
  kept && {
    destinationCountry: kept.destinationCountry ?? null,
    payeeCurrency: kept.payeeCurrency ?? null,
    purpose: kept.purpose ?? null,
    exchangeReference: kept.exchangeReference ?? null,
  };

const keptInternational = (json: string | null): KeptInternational | null => (json === null ? null : (KeptInternational.safeParse(JSON.parse(json)).data ?? {}));

/** The branch's copy as the window shows it (the link is down, or head office has not received it yet). */
export function branchCopyView(row: MoneyOrderRow, registerAckedSeq: number, now: Date): MoneyOrderView {
  const money = (minor: number) => ({ minor, currency: row.currency });
  return {
    source: 'branch-copy',
    number: row.number,
    spacedNumber: spacedMoneyOrderNumber(row.number),
    kind: row.kind,
    issuingBranch: row.issuing_branch,
    amount: money(row.amount),
    fee: money(row.fee),
    status: standingOf(row, registerAckedSeq, now),
    // The sender's number as head office shows it to any branch: the last 4 characters.
    sender: { name: row.sender_name, documentType: documentType(row.sender_document_type), documentNumber: last4(row.sender_document_number), documentCountry: row.sender_document_country },
    payee: { name: row.payee_name, documentType: documentType(row.payee_document_type), documentNumber: row.payee_document_number, documentCountry: row.payee_document_country },
    payeeDocumentRequired: row.payee_document_required === 1,
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    lockedByBranch: row.locked_by_branch,
    paidBranch: row.paid_branch,
    paidAt: row.paid_at,
    cancelledAt: row.cancelled_at,
    reimbursedAt: row.reimbursed_at,
    transmitted: row.source === 'issued-here' ? row.register_seq !== null && row.register_seq <= registerAckedSeq : null,
    international: internationalView(keptInternational(row.international)),
  };
}

/** Head office's answer as the window shows it. */
export function headOfficeView(order: HeadOfficeOrder): MoneyOrderView {
  const money = (minor: number) => ({ minor, currency: order.currency });
  return {
    source: 'head-office',
    number: order.number,
    spacedNumber: spacedMoneyOrderNumber(order.number),
    kind: order.kind,
    issuingBranch: order.issuing_branch,
    amount: money(order.amount),
    fee: money(order.fee),
    status: order.status,
    sender: { name: order.sender.name, documentType: documentType(order.sender.document_type), documentNumber: order.sender.document_number_last4, documentCountry: null },
    payee: { name: order.payee.name, documentType: documentType(order.payee.document_type), documentNumber: order.payee.document_number, documentCountry: order.payee.document_country },
    payeeDocumentRequired: order.payee_document_required,
    issuedAt: order.issued_at,
    expiresAt: order.expires_at,
    lockedByBranch: order.locked_by_branch,
    paidBranch: order.paid_branch,
    paidAt: order.paid_at,
    cancelledAt: order.cancelled_at,
    reimbursedAt: order.reimbursed_at,
    transmitted: null,
    international: internationalView(internationalOfHeadOffice(order.international)),
  };
}

/** Head office's answer as the branch keeps it (for a lookup without the link later). */
export function rowOfHeadOffice(order: HeadOfficeOrder, seenAt: string): NewMoneyOrder {
  return {
    number: order.number,
    kind: order.kind,
    source: 'head-office',
    issue_operation_id: null,
    issuing_branch: order.issuing_branch,
    currency: order.currency,
    amount: order.amount,
    fee: order.fee,
    sender_customer_id: null,
    sender_name: order.sender.name,
    sender_document_type: order.sender.document_type,
    sender_document_number: order.sender.document_number_last4,
    sender_document_country: null,
    payee_customer_id: null,
    payee_name: order.payee.name,
    payee_document_type: order.payee.document_type,
    payee_document_number: order.payee.document_number,
    payee_document_country: order.payee.document_country,
    payee_document_required: order.payee_document_required ? 1 : 0,
    international: order.kind === 'domestic' ? null : JSON.stringify(internationalOfHeadOffice(order.international) ?? {}),
    status: order.status,
    issued_at: order.issued_at,
    issued_by: null,
    expires_at: order.expires_at,
    register_seq: null,
    locked_by_branch: order.locked_by_branch,
    paid_branch: order.paid_branch,
    paid_at: order.paid_at,
    cancelled_at: order.cancelled_at,
    reimbursed_at: order.reimbursed_at,
    seen_at: seenAt,
  };
}
