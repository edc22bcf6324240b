import { ContractError } from '@shared/contract';
import type { HeadOfficeSavingsApi, SavingsAccountView, SavingsLine } from '../headoffice/savings-api';
import { localIsoTime } from '../ledger/local-time';
import type { SavingsContext } from './savings-context';
import type { SavingsAccountRow } from './savings.tables';

/** Head office answers at most this many lines a call (ho.savings_account). */
const PAGE = 1000;

export interface AccountLines {
  account: SavingsAccountView;
  /** In line order, contiguous from the first asked for. */
  lines: SavingsLine[];
}

/** Which lines to bring: `count` after `afterLine`, or the account's last `count`. */
export type LinesWanted = { afterLine: number; count: number } | { last: number };

async function fetchLines(api: HeadOfficeSavingsApi, accountNumber: string, wanted: LinesWanted) {
  let afterLine: number;
  let count: number;
  if ('last' in wanted) {
    // The line count comes with the account: one small question first.
    const head = await api.account(accountNumber, 0, 1);
    if (!head.found) return head;
    afterLine = Math.max(0, head.account.lines - wanted.last);
    count = wanted.last;
  } else {
    ({ afterLine, count } = wanted);
  }
  let answer = await api.account(accountNumber, afterLine, Math.min(Math.max(count, 1), PAGE));
  if (!answer.found) return answer;
  const lines = [...answer.lines];
  while (lines.length < count && answer.found && answer.lines.length === PAGE) {
    answer = await api.account(accountNumber, lines.at(-1)!.line_no, Math.min(count - lines.length, PAGE));
    if (answer.found) lines.push(...answer.lines);
  }
  return answer.found ? { ...answer, lines: lines.slice(0, count) } : answer;
}

/**
 * The account at head office and the lines wanted, asked in one visit. Head office's lines are
 * the truth a passbook or a statement prints: without the link the counter refuses (`rule`)
 * rather than print what it cannot vouch for. A lookup changes nothing at head office, so a call
 * cut halfway is simply "offline": the clerk asks again.
 */
export async function accountLines(ctx: SavingsContext, accountNumber: string, wanted: LinesWanted, rule: string): Promise<AccountLines> {
  const refuse = (why: string) =>
    new ContractError('RULE_BROKEN', `head office is needed for the lines of account ${accountNumber} (${why})`, { rule, why, accountNumber });
  let asked;
  try {
    asked = await ctx.headOffice((api) => fetchLines(api, accountNumber, wanted));
  } catch (error) {
    throw refuse(error instanceof Error ? error.message : String(error));
  }
  if (!asked.ok) throw refuse(asked.why);
  const answer = asked.value;
  if (!answer.found) {
    throw new ContractError('NOT_FOUND', `head office does not hold account ${accountNumber}`, { rule: answer.reason, accountNumber });
  }
  return { account: answer.account, lines: answer.lines };
}

/** The branch keeps head office's latest figures for the account (shown offline as "last seen"). */
export function keepFigures(ctx: SavingsContext, row: SavingsAccountRow, account: SavingsAccountView): void {
  const at = localIsoTime(ctx.till.clock.now());
  ctx.accounts.save({ ...row, status: account.status, block_type: account.block_type, balance: account.balance, available: account.available, as_of: at, updated_at: at });
}
