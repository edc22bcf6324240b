import type { ParsedInput, SavingsStatement } from '@shared/contract';
import { localIsoTime } from '../ledger/local-time';
import type { Actor } from '../till/till-context';
import { accountLines, keepFigures } from './account-lines';
import { queueMiniStatement } from './mini-statement';
import type { PassbookDesk } from './passbook';
import { passbookLineOf } from './passbook-lines';
import { knownAccount } from './savings-accounts';

/** Lines a statement shows on screen; the printed mini statement keeps the last ten of them. */
const STATEMENT_LINES = 50;
const PRINTED_LINES = 10;

/**
 * The account's latest lines as head office holds them, with the deposits booked here that it
 * has not credited yet (said apart: they have no line yet). Online only, like the passbook: a
 * statement printed from the branch's last copy could show a balance the account no longer has.
 */
export async function statement(desk: PassbookDesk, actor: Actor, input: ParsedInput<'savings.statement'>): Promise<SavingsStatement> {
  const { ctx, passbooks } = desk;
  const account = knownAccount(ctx, input.accountNumber);
  const fetched = await accountLines(ctx, account.account_number, { last: STATEMENT_LINES }, 'statement-needs-head-office');
  keepFigures(ctx, account, fetched.account);
  const language = ctx.till.branch().language;
  const currency = fetched.account.currency;
  const money = (minor: number) => ({ minor, currency });
  const lines = fetched.lines.map((line) => passbookLineOf(line, currency, language));
  const waiting = passbooks.waitingDeposits(account.account_number);
  const balance = money(fetched.account.balance);
  const receipt = input.print ? queueMiniStatement(ctx, actor, { accountNumber: account.account_number, lines: lines.slice(-PRINTED_LINES), balance }) : null;
  return {
    accountNumber: account.account_number,
    holderName: account.holder_name,
    status: fetched.account.status,
    balance,
    available: money(fetched.account.available),
    totalLines: fetched.account.lines,
    lines,
    waitingDeposits: { count: waiting.count, amount: money(waiting.total) },
    receipt,
    at: localIsoTime(ctx.till.clock.now()),
  };
}
