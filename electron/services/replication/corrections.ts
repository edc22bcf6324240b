import { ContractError, type CorrectionView } from '@shared/contract';
import type { Sqlite } from '../db/open-database';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type Ledger } from '../ledger/ledger';
import { localIsoTime } from '../ledger/local-time';
import type { Clock } from '../clock';
import { correctionRow, correctionRows, markAcknowledged, type CorrectionRow } from './corrections.repository';
import { z } from 'zod';

/** What head office publishes as a correction (kind `correction`, key = its id). */
export const CorrectionBody = z.object({
  author: z.string().min(1),
  reason: z.string().min(3),
  debit_account_id: z.string().min(1),
  credit_account_id: z.string().min(1),
  amount: z.number().int().positive(),
  currency: z.string().length(3),
});
export type CorrectionBody = z.infer<typeof CorrectionBody>;

function view(row: CorrectionRow): CorrectionView {
  const body = CorrectionBody.parse(JSON.parse(row.body));
  return {
    id: row.id,
    author: body.author,
    reason: body.reason,
    debitAccountId: body.debit_account_id,
    creditAccountId: body.credit_account_id,
    amount: body.amount,
    currency: body.currency,
    receivedAt: row.received_at,
    acknowledgedBy: row.acknowledged_by,
    acknowledgedAt: row.acknowledged_at,
    bookedSeq: row.booked_seq,
  };
}

export function listCorrections(sqlite: Sqlite): CorrectionView[] {
  return correctionRows(sqlite).map(view);
}

/** Accounts a correction may open if the branch has never used them. */
function accountSpec(id: string, currency: string) {
  if (id === `suspense:${currency}`) return accountFor.suspense(currency);
  if (id === `over-short:${currency}`) return accountFor.overShort(currency);
  if (id === `head-office:${currency}`) return accountFor.headOffice(currency);
  return id;
}

/**
 * A head-office correction is never applied silently: it waits here until a
 * supervisor acknowledges it, and the acknowledgement books it as a new transfer
 * (operator: the head-office author, approver: the supervisor, with the reason).
 * The correction id is the operation id, so acknowledging twice books once.
 */
export function acknowledgeCorrection(sqlite: Sqlite, ledger: Ledger, clock: Clock, id: string, supervisor: string): CorrectionView {
  const row = correctionRow(sqlite, id);
  if (!row) throw new ContractError('NOT_FOUND', `no head-office correction ${id}`, { id });
  const body = CorrectionBody.parse(JSON.parse(row.body));
  const outcome = ledger.run(
    {
      id: row.id,
      kind: 'head-office-correction',
      fingerprint: fingerprintOf('head-office-correction', body),
      tillSessionId: null,
      operator: `head-office:${body.author}`,
      approver: supervisor,
      reason: body.reason,
    },
    (op) => {
      const posted = op.transfer({
        debit: accountSpec(body.debit_account_id, body.currency),
        credit: accountSpec(body.credit_account_id, body.currency),
        amount: body.amount,
        currency: body.currency,
        code: 'head-office-correction',
        reference: row.id,
      });
      op.setAmount(body.amount);
      return { seq: posted.seq };
    },
  );
  markAcknowledged(sqlite, id, { by: supervisor, at: localIsoTime(clock.now()), bookedSeq: outcome.result.seq });
  return view(correctionRow(sqlite, id)!);
}
