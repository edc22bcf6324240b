import { type ParsedInput, type SavingsDepositResult } from '@shared/contract';
import type { PrintJob } from '../devices/print-job-store';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { checkAmount, invalidAmount } from '../till/cash-policy';
import { takeOperationNumber } from '../till/operation-number';
import type { Actor } from '../till/till-context';
import { readSession, requireOwner, requireStatus } from '../till/till-sessions.repository';
import type { SavingsContext } from './savings-context';
import { savingsReceipt } from './savings-receipt';
import { knownAccount } from './savings-accounts';
import { checkMovement } from './account-standing';

/** The ledger's name for a deposit; written once, read by head office (it credits the account on this code). */
export const SAVINGS_DEPOSIT = 'savings-deposit';

/**
 * A deposit, online or not: the cash goes into the till and is owed to head office
 * (`savings-to-remit`), in one ledger operation with its numbered receipt. Head office credits
 * the account when the transfer reaches it — once, by the transfer's id — so a deposit booked
 * while the link is down is never lost and never credited twice.
 */
export function deposit(ctx: SavingsContext, actor: Actor, input: ParsedInput<'savings.deposit'>): OperationOutcome<Omit<SavingsDepositResult, 'replayed'>> {
  const config = ctx.till.config();
  const fingerprint = fingerprintOf(SAVINGS_DEPOSIT, input);
  const stored = ctx.till.ledger.replay<Omit<SavingsDepositResult, 'replayed'>>(input.operationId, fingerprint);
  if (stored) return { result: stored, replayed: true };

  const account = knownAccount(ctx, input.accountNumber);
  checkMovement(account, ctx.closings, 'credit');
  const amount = checkAmount('amount.minor', input.amount, config);
  const tendered = input.tendered ? checkAmount('tendered.minor', input.tendered, config) : amount;
  if (tendered < amount) throw invalidAmount('tendered.minor', 'tender-short', 'the customer has not given enough', { total: amount });
  const credited: SavingsDepositResult['credited'] = ctx.headOfficeOnline() ? 'now' : 'when-link-returns';
  const branch = ctx.till.branch();
  const money = (minor: number) => ({ minor, currency: config.currency });

  const jobs: PrintJob[] = [];
  const outcome = ctx.till.ledger.run(
    { id: input.operationId, kind: SAVINGS_DEPOSIT, fingerprint, tillSessionId: input.sessionId, operator: actor.username, approver: null, reason: null },
    (op) => {
      const session = readSession(ctx.till.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      op.transfer({
        debit: session.cash_account_id,
        credit: accountFor.savingsToRemit(config.currency),
        amount,
        currency: config.currency,
        code: SAVINGS_DEPOSIT,
        reference: account.account_number,
      });
      op.setAmount(amount);
      const booked = {
        operationId: op.id,
        operationNumber: takeOperationNumber(ctx.till.sqlite, branch.code, op.id, op.at),
        accountNumber: account.account_number,
        amount: money(amount),
        tendered: money(tendered),
        change: money(tendered - amount),
        credited,
      };
      const receipt = savingsReceipt({ kind: 'deposit', ...booked, at: op.at, holderName: account.holder_name }, { branch, operator: actor.username });
      const result = { ...booked, receipt };
      if (ctx.till.devices) jobs.push(ctx.till.devices.outbox.receipt(receipt, op.id));
      return result;
    },
  );
  if (!outcome.replayed) ctx.till.devices?.afterCashCommit(jobs, { openDrawer: true, reference: input.operationId });
  return outcome;
}
