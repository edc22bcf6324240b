/**
 * What the counter asks head office about money orders (MONEY-ORDERS-SPEC.md, "Head office tables
 * and functions"): the answers as the branch reads them. Head office's typed client
 * (`headoffice/money-orders-api.ts`) implements it; the port (`head-office-money-orders.ts`)
 * and the lookups use nothing else.
 */
export type MoneyOrderPurpose = 'pay' | 'cancel' | 'reimburse';

export interface HeadOfficeOrderView {
  number: string;
  kind: 'domestic' | 'international-outgoing' | 'international-incoming';
  issuing_branch: string | null;
  currency: string;
  amount: number;
  fee: number;
  sender: { name: string; document_type: string | null; document_number_last4: string | null };
  payee: { name: string; document_type: string | null; document_number: string | null; document_country: string | null };
  payee_document_required: boolean;
  secret_salt: string | null;
  status: 'available' | 'transmitted' | 'locked' | 'paid' | 'cancelled' | 'expired' | 'reimbursed';
  expires_at: string;
  issued_at: string | null;
  locked_by_branch: string | null;
  paid_branch: string | null;
  paid_at: string | null;
  cancelled_at: string | null;
  reimbursed_at: string | null;
}

export type HeadOfficeLookup = { found: false } | ({ found: true } & HeadOfficeOrderView);

export interface LockRequest {
  operationId: string;
  /** The branch's pending payout (or refund) transfer: head office settles the lock when its post replicates. */
  pendingTransferId: string;
  number: string;
  purpose: MoneyOrderPurpose;
  secretProof: string | null;
  document: { document_type: string; document_number: string; document_country: string };
  holdSeconds: number;
}

export type LockAnswer =
  | { outcome: 'locked'; operation_id: string; number: string; amount: number; fee: number; currency: string; refund_fee: boolean }
  | { outcome: 'refused'; reason: string; operation_id: string; branch?: string | null; at?: string | null };

export type OperationState = 'never-received' | 'locked' | 'refused' | 'released' | 'expired' | 'settled';

export interface OperationAnswer {
  state: OperationState;
  /** The lock's first answer, as head office gave it. */
  answer: LockAnswer | null;
}

export interface MoneyOrdersHeadOffice {
  lookup(number: string): Promise<HeadOfficeLookup>;
  lock(request: LockRequest): Promise<LockAnswer>;
  operation(operationId: string): Promise<OperationAnswer>;
  unlock(operationId: string): Promise<OperationAnswer>;
}
