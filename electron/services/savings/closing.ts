import { ContractError, type CounterpartyOperationView, type ParsedInput, type SavingsClosingResult } from '@shared/contract';
import type { CounterpartyFrame } from '../counterparty/counterparty-frame';
import { OperationIdReused, type SavingsCloseAnswer } from '../headoffice/savings-api';
import { accountFor } from '../ledger/accounts';
import { localIsoTime } from '../ledger/local-time';
import { takeOperationNumber } from '../till/operation-number';
import type { Actor } from '../till/till-context';
import { readSession, requireOwner, requireStatus } from '../till/till-sessions.repository';
import { checkMovement } from './account-standing';
import { closingReceipt } from './closing-receipt';
import { headOfficeClosings, type ClosingRequest } from './head-office-closings';
import { checkHolderDocument } from './holder-document';
import { knownAccount, refreshAccount } from './savings-accounts';
import type { SavingsContext } from './savings-context';
import { payOut, payoutOutcome } from '../counterparty/payout';
import { SAVINGS_WITHDRAWAL } from './withdrawal';

/** The frame's and the journal's name for a closing payout; its transfer is a `savings-withdrawal`, which head office settles. */
export const SAVINGS_CLOSING = 'savings-closing';

/** How long head office holds the payout for the window: the customer is standing there. */
export const CLOSING_HOLD_SECONDS = 10 * 60;

type CloseInput = ParsedInput<'savings.close'>;

/**
 * Registers closing payouts with the counterparty frame, once, at start: paid only on a durable
 * confirmation, the receipt (balance, interest, total) queued in the hand-over's transaction.
 */
export function registerClosings(ctx: SavingsContext, frame: CounterpartyFrame): void {
  frame.register<ClosingRequest>({
    kind: SAVINGS_CLOSING,
    counterparty: 'head-office',
    port: headOfficeClosings(ctx.headOffice),
    paysOut: true,
    holdMs: CLOSING_HOLD_SECONDS * 1000,
    confirmedReceipt: (view, branch) => {
      const request = frame.requestOf<ClosingRequest>(view.operationId);
      const at = view.updatedAt;
      return closingReceipt(
        {
          operationNumber: takeOperationNumber(ctx.till.sqlite, branch.code, view.operationId, at),
          at,
          accountNumber: request.accountNumber,
          holderName: ctx.accounts.read(request.accountNumber)?.holder_name ?? '',
          amount: view.amount,
          interest: { minor: request.interest, currency: view.amount.currency },
        },
        { branch, operator: view.operator },
      );
    },
  });
}

/**
 * What the counter decides before anyone is asked to approve, and before head office holds
 * anything: online, head office's latest word on the account, a movement the account may take,
 * the holder's document, the clerk's own open till.
 */
export async function checkClosing(ctx: SavingsContext, actor: Actor, input: CloseInput): Promise<void> {
  if (!ctx.headOfficeOnline()) throw needsHeadOffice();
  await refreshAccount(ctx, input.accountNumber);
  const account = knownAccount(ctx, input.accountNumber);
  checkMovement(account, ctx.closings, 'debit');
  checkHolderDocument(ctx, account, input.document);
  const session = readSession(ctx.till.sqlite, input.sessionId);
  requireOwner(session, actor, false);
  requireStatus(session, 'open');
}

/**
 * A closing: the intent first (operation id and account, committed before head office is asked);
 * head office posts the interest to date and holds the balance — its answer gives the amount —
 * then the payout goes through the counterparty frame like a withdrawal: a pending
 * `savings-withdrawal` under the closing's id, posted and paid on a durable confirmation. Head
 * office closes the account when the payment replicates. A closing whose answer was lost books
 * nothing and pays nothing: pressed again with the same id, head office answers it the same.
 */
export async function closeAccount(ctx: SavingsContext, frame: CounterpartyFrame, actor: Actor, input: CloseInput, approver: string | null): Promise<SavingsClosingResult> {
  const booked = frame.find(input.operationId);
  if (booked) {
    // The same id for another operation, or for another account: a fault at the window, never paid as this closing.
    if (booked.kind !== SAVINGS_CLOSING || frame.requestOf<ClosingRequest>(input.operationId).accountNumber !== input.accountNumber) throw reused(input.operationId);
    return payout(ctx, frame, actor, input.operationId, true);
  }
  const intent = keepIntent(ctx, actor, input, approver);
  let asked;
  try {
    asked = await ctx.headOffice((api) => api.close(input.operationId, input.accountNumber, intent.hold_seconds));
  } catch (error) {
    if (error instanceof OperationIdReused) throw reused(input.operationId);
    asked = { ok: false as const, why: 'offline' as const };
  }
  const base = { operationId: input.operationId, accountNumber: input.accountNumber, approver: intent.approver, replayed: false };
  if (!asked.ok) return { ...base, outcome: 'waiting', balance: null, interest: null, amount: null, refusal: null };
  const answer: SavingsCloseAnswer = asked.value;
  if (answer.outcome === 'refused') return { ...base, outcome: 'refused', balance: null, interest: null, amount: null, refusal: answer.reason };
  if (answer.outcome === 'closed') {
    markClosed(ctx, input.accountNumber);
    const money = (minor: number) => ({ minor, currency: answer.currency });
    return { ...base, outcome: 'closed', balance: money(answer.amount - answer.interest), interest: money(answer.interest), amount: money(0), refusal: null };
  }
  const request: ClosingRequest = { accountNumber: input.accountNumber, amount: answer.amount, interest: answer.interest, holdSeconds: intent.hold_seconds };
  frame.prepare(
    SAVINGS_CLOSING,
    { operationId: input.operationId, tillSessionId: input.sessionId, operator: actor.username, approver: intent.approver, amount: answer.amount, currency: answer.currency },
    request,
    (op) => {
      const session = readSession(ctx.till.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      op.transfer({
        debit: accountFor.savingsToRemit(answer.currency),
        credit: session.cash_account_id,
        amount: answer.amount,
        currency: answer.currency,
        // Head office settles its closing hold on this code, under the closing's operation id.
        code: SAVINGS_WITHDRAWAL,
        reference: input.accountNumber,
        phase: 'pending',
      });
    },
  );
  return payout(ctx, frame, actor, input.operationId, false);
}

/** The intent, once per operation id; the same id for another account is a fault at the window. */
function keepIntent(ctx: SavingsContext, actor: Actor, input: CloseInput, approver: string | null) {
  const kept = ctx.closings.read(input.operationId);
  if (kept) {
    if (kept.account_number !== input.accountNumber) throw reused(input.operationId);
    return kept;
  }
  const intent = {
    operation_id: input.operationId,
    account_number: input.accountNumber,
    hold_seconds: CLOSING_HOLD_SECONDS,
    operator: actor.username,
    approver,
    at: localIsoTime(ctx.till.clock.now()),
  };
  ctx.closings.keep(intent);
  return intent;
}

/** Sends or asks, and hands the cash over on a confirmation the frame holds durably — once. */
async function payout(ctx: SavingsContext, frame: CounterpartyFrame, actor: Actor, operationId: string, replayed: boolean): Promise<SavingsClosingResult> {
  const paid = await payOut(frame, operationId, actor.username);
  const request = frame.requestOf<ClosingRequest>(operationId);
  const result = closingResult(paid, request, ctx.closings.read(operationId)?.approver ?? null, replayed);
  if (result.outcome === 'paid' || result.outcome === 'to-pay') markClosed(ctx, request.accountNumber);
  return result;
}

function closingResult(view: CounterpartyOperationView, request: ClosingRequest, approver: string | null, replayed: boolean): SavingsClosingResult {
  const outcome = payoutOutcome(view);
  const money = (minor: number) => ({ minor, currency: view.amount.currency });
  return {
    operationId: view.operationId,
    accountNumber: request.accountNumber,
    outcome,
    balance: money(request.amount - request.interest),
    interest: money(request.interest),
    amount: view.amount,
    refusal: view.refusal,
    approver,
    replayed,
  };
}

/** The branch's copy says closed at once: head office's says so when the payment replicates. */
function markClosed(ctx: SavingsContext, accountNumber: string): void {
  const row = ctx.accounts.read(accountNumber);
  if (!row || row.status === 'closed') return;
  const at = localIsoTime(ctx.till.clock.now());
  ctx.accounts.save({ ...row, status: 'closed', block_type: null, balance: 0, available: 0, as_of: at, updated_at: at });
}

const needsHeadOffice = () =>
  new ContractError('RULE_BROKEN', 'closing an account needs head office, and the link is down: try again when it is back', { rule: 'closing-needs-head-office' });

const reused = (operationId: string) =>
  new ContractError('CONFLICT', `operation ${operationId} was used for another request`, { rule: 'operation-id-reused', operationId });
