import { ContractError, type SavingsReactivation } from '@shared/contract';
import { localIsoTime } from '../ledger/local-time';
import { keepFigures } from './account-lines';
import { knownAccount, refreshAccount } from './savings-accounts';
import type { SavingsContext } from './savings-context';
import type { Actor } from '../till/till-context';

/**
 * A dormant account is woken only at the window, with a supervisor's approval, by head office
 * (dormancy is its to decide). Asked first whether the account is dormant at all, so a supervisor
 * is not called over for nothing; online only.
 */
export async function checkReactivation(ctx: SavingsContext, accountNumber: string): Promise<void> {
  if (!ctx.headOfficeOnline()) throw needsHeadOffice('offline');
  const fresh = await refreshAccount(ctx, accountNumber);
  if (!fresh) throw needsHeadOffice('no answer');
  if (fresh.status !== 'dormant' && fresh.status !== 'inactive') {
    throw new ContractError('RULE_BROKEN', `account ${accountNumber} is ${fresh.status}, not dormant`, { rule: 'account-not-dormant', accountNumber, status: fresh.status });
  }
}

/** Head office reactivates under the approving supervisor's name; the branch keeps its answer and the trail. */
export async function reactivateAccount(ctx: SavingsContext, actor: Actor, approver: string, accountNumber: string): Promise<SavingsReactivation> {
  let asked;
  try {
    asked = await ctx.headOffice((api) => api.reactivate(accountNumber, approver));
  } catch (error) {
    throw needsHeadOffice(error instanceof Error ? error.message : String(error));
  }
  if (!asked.ok) throw needsHeadOffice(asked.why);
  const answer = asked.value;
  const audit = (outcome: 'ok' | 'refused', details: Record<string, unknown>) =>
    ctx.till.audit.record({ actor: actor.username, action: 'savings.account.reactivated', subject: accountNumber, outcome, details: { approver, ...details } });
  if (answer.outcome === 'refused') {
    audit('refused', { reason: answer.reason });
    await refreshAccount(ctx, accountNumber).catch(() => null);
    throw new ContractError('RULE_BROKEN', `head office did not reactivate account ${accountNumber}: ${answer.reason}`, { rule: answer.reason, accountNumber });
  }
  keepFigures(ctx, knownAccount(ctx, accountNumber), answer.account);
  audit('ok', { reactivated: answer.reactivated });
  return { accountNumber, reactivated: answer.reactivated, approver, at: localIsoTime(ctx.till.clock.now()) };
}

const needsHeadOffice = (why: string) =>
  new ContractError('RULE_BROKEN', `reactivating an account needs head office (${why}): try again when the link is back`, { rule: 'reactivation-needs-head-office', why });
