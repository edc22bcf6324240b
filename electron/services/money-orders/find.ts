import { ContractError, type MoneyOrderView } from '@shared/contract';
import { localIsoTime } from '../ledger/local-time';
import type { MoneyOrderLookupAnswer } from '../headoffice/money-orders-api';
import type { MoneyOrdersContext } from './money-orders-context';
import { branchCopyView, headOfficeView, orderNumberOf, rowOfHeadOffice } from './order-view';

/** Head office's word on a number, or why it could not be asked (the link down, or the call failed). */
export async function lookUp(ctx: MoneyOrdersContext, number: string): Promise<{ asked: true; answer: MoneyOrderLookupAnswer } | { asked: false; why: string }> {
  try {
    const answer = await ctx.headOffice((api) => api.lookup(number));
    return answer.ok ? { asked: true, answer: answer.value } : { asked: false, why: answer.why };
  } catch (error) {
    ctx.logger?.warn({ err: error, number }, 'money order lookup at head office failed: answering from the branch copy');
    return { asked: false, why: 'failed' };
  }
}

/**
 * An order by number (`moneyOrders.find`): head office's view while the link is up, kept here for
 * later; otherwise the branch's copy (orders issued here, or looked up before), said so. An order
 * issued here that head office has not received yet is the branch's copy too, online or not.
 */
export async function findOrder(ctx: MoneyOrdersContext, typed: string): Promise<MoneyOrderView> {
  const number = orderNumberOf(typed);
  const now = ctx.till.clock.now();
  const asked = await lookUp(ctx, number);
  if (asked.asked && asked.answer.found) {
    ctx.orders.keepSeen(rowOfHeadOffice(asked.answer, localIsoTime(now)));
    return headOfficeView(asked.answer);
  }
  const kept = ctx.orders.read(number);
  if (kept) return branchCopyView(kept, ctx.orders.registerAckedSeq(), now);
  if (asked.asked) throw new ContractError('NOT_FOUND', 'head office knows no money order with this number', { rule: 'money-order-not-found', number });
  throw new ContractError('NOT_FOUND', 'head office cannot be asked now and this branch has never seen this order', { rule: 'money-order-unknown-offline', number });
}
