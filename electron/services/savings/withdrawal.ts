import { ContractError, type CounterpartyOperationView, type ParsedInput, type SavingsWithdrawalResult } from '@shared/contract';
import type { CounterpartyFrame } from '../counterparty/counterparty-frame';
import { payOut, payoutOutcome } from '../counterparty/payout';
import { accountFor } from '../ledger/accounts';
import { checkAmount } from '../till/cash-policy';
import { takeOperationNumber } from '../till/operation-number';
import type { Actor } from '../till/till-context';
import { readSession, requireOwner, requireStatus } from '../till/till-sessions.repository';
import { headOfficeWithdrawals, type WithdrawalRequest } from './head-office-withdrawals';
import { knownAccount } from './savings-accounts';
import { checkMovement } from './account-standing';
import type { SavingsContext } from './savings-context';
import { savingsReceipt } from './savings-receipt';

/** The ledger's and the frame's name for a withdrawal; head office posts its hold on this code. */
export const SAVINGS_WITHDRAWAL = 'savings-withdrawal';

/** How long head office holds the amount for the window: the customer is standing there. */
export const WITHDRAWAL_HOLD_MS = 10 * 60_000;

type WithdrawInput = ParsedInput<'savings.withdraw'>;

/**
 * Registers withdrawals with the counterparty frame, once, at start: head office is the
 * counterparty, the cash leaves the drawer only once head office's hold is durably confirmed
 * here, and the receipt (numbered in the hand-over's own transaction) says what was paid.
 * `holdMs` is shortened only by tests that let a hold expire.
 */
export function registerWithdrawals(ctx: SavingsContext, frame: CounterpartyFrame, holdMs = WITHDRAWAL_HOLD_MS): void {
  frame.register<WithdrawalRequest>({
    kind: SAVINGS_WITHDRAWAL,
    counterparty: 'head-office',
    port: headOfficeWithdrawals(ctx.headOffice, ctx.till.clock),
    paysOut: true,
    holdMs,
    confirmedReceipt: (view, branch) => {
      const request = frame.requestOf<WithdrawalRequest>(view.operationId);
      const at = view.updatedAt;
      return savingsReceipt(
        {
          kind: 'withdrawal',
          operationNumber: takeOperationNumber(ctx.till.sqlite, branch.code, view.operationId, at),
          at,
          accountNumber: request.accountNumber,
          holderName: ctx.accounts.read(request.accountNumber)?.holder_name ?? '',
          amount: view.amount,
        },
        { branch, operator: view.operator },
      );
    },
  });
}

/** Refusals the counter decides before asking head office anything. */
export function checkWithdrawal(ctx: SavingsContext, input: WithdrawInput): { amount: number } {
  if (!ctx.headOfficeOnline()) {
    throw new ContractError('RULE_BROKEN', 'a withdrawal needs head office, and the link is down: ask the customer to come back, or deposit only', {
      rule: 'withdrawal-needs-head-office',
    });
  }
  const account = knownAccount(ctx, input.accountNumber);
  checkMovement(account, ctx.closings, 'debit');
  return { amount: checkAmount('amount.minor', input.amount, ctx.till.config()) };
}

/**
 * Intent first: the pending transfer (till cash out, savings owed by head office) and the frame's
 * row commit before head office is asked; then head office holds the amount and the frame posts it
 * and opens the drawer, or voids it. An unknown outcome pays nothing and waits in the list.
 */
export async function withdraw(ctx: SavingsContext, frame: CounterpartyFrame, actor: Actor, input: WithdrawInput, approver: string | null): Promise<SavingsWithdrawalResult> {
  const currency = ctx.till.config().currency;
  const request: WithdrawalRequest = { accountNumber: input.accountNumber, amount: input.amount.minor };
  const { replayed } = frame.prepare(
    SAVINGS_WITHDRAWAL,
    { operationId: input.operationId, tillSessionId: input.sessionId, operator: actor.username, approver, amount: input.amount.minor, currency },
    request,
    (op) => {
      const session = readSession(ctx.till.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      op.transfer({
        debit: accountFor.savingsToRemit(currency),
        credit: session.cash_account_id,
        amount: input.amount.minor,
        currency,
        code: SAVINGS_WITHDRAWAL,
        reference: input.accountNumber,
        phase: 'pending',
      });
    },
  );
  return withdrawalResult(await payOut(frame, input.operationId, actor.username), input.accountNumber, replayed);
}

export const withdrawalResult = (view: CounterpartyOperationView, accountNumber: string, replayed: boolean): SavingsWithdrawalResult => ({
  operationId: view.operationId,
  accountNumber,
  amount: view.amount,
  outcome: payoutOutcome(view),
  refusal: view.refusal,
  replayed,
});
