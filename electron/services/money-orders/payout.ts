import { z } from 'zod';
import { MONEY_ORDER_CODES, MONEY_ORDER_KINDS_IN_LEDGER } from '@shared/money-order-ledger';
import { ContractError, type BranchProfile, type CounterpartyOperationView, type MoneyOrderPayoutResult, type ParsedInput } from '@shared/contract';
import type { CounterpartyFrame } from '../counterparty/counterparty-frame';
import { readOperation } from '../counterparty/counterparty-operations.repository';
import { payOut, payoutOutcome } from '../counterparty/payout';
import { documentNumberOf } from '../customers/customer-record';
import { build, first } from '../db/typed-statement';
import { localIsoTime } from '../ledger/local-time';
import { takeOperationNumber } from '../till/operation-number';
import type { Actor } from '../till/till-context';
import { readSession, requireOwner, requireStatus } from '../till/till-sessions.repository';
import { lookUp } from './find';
import type { MoneyOrderPurpose } from '../headoffice/money-orders-api';
import { headOfficeMoneyOrders, type PayoutRequest } from './head-office-money-orders';
import { moneyOrderAccounts } from './money-order-accounts';
import { payoutReceipt } from './money-order-receipts';
import type { MoneyOrdersContext } from './money-orders-context';
import { orderNumberOf, rowOfHeadOffice } from './order-view';
import { secretHash } from './secret';
import { tariffKeyOf } from './tariff';

/** The frame's kinds (the ledger kind of each prepare operation), one per purpose. */
export const PAYOUT_KINDS: Record<MoneyOrderPurpose, string> = {
  pay: MONEY_ORDER_KINDS_IN_LEDGER.pay,
  cancel: MONEY_ORDER_KINDS_IN_LEDGER.cancel,
  reimburse: MONEY_ORDER_KINDS_IN_LEDGER.reimburse,
};

/** How long head office locks the order for the window: the customer is standing there. */
export const MONEY_ORDER_LOCK_MS = 10 * 60_000;

type PayoutInput = ParsedInput<'moneyOrders.cancel'> & { secret?: string };

/**
 * Registers the three payouts with the counterparty frame, once, at start: head office locks the
 * order, the cash leaves the drawer only once that lock is durably confirmed here, and the receipt
 * (numbered in the hand-over's own transaction) says what was paid. `holdMs` is shortened only by
 * tests that let a lock expire.
 */
export function registerPayouts(ctx: MoneyOrdersContext, frame: CounterpartyFrame, holdMs = MONEY_ORDER_LOCK_MS): void {
  const port = headOfficeMoneyOrders(ctx.headOffice, ctx.till.clock);
  for (const purpose of ['pay', 'cancel', 'reimburse'] as const) {
    frame.register<PayoutRequest>({
      kind: PAYOUT_KINDS[purpose],
      counterparty: 'head-office',
      port,
      paysOut: true,
      holdMs,
      confirmedReceipt: (view, branch) => receiptOf(ctx, frame, view, branch),
    });
  }
}

function receiptOf(ctx: MoneyOrdersContext, frame: CounterpartyFrame, view: CounterpartyOperationView, branch: BranchProfile) {
  const request = frame.requestOf<PayoutRequest>(view.operationId);
  const money = (minor: number) => ({ minor, currency: view.amount.currency });
  return payoutReceipt(
    {
      purpose: request.purpose,
      operationNumber: takeOperationNumber(ctx.till.sqlite, branch.code, view.operationId, view.updatedAt),
      at: view.updatedAt,
      number: request.number,
      customerName: request.customerName,
      amount: money(request.amount),
      feeRefunded: money(request.feeRefund),
    },
    { branch, operator: view.operator },
  );
}

/** Refusals the counter decides before asking head office to lock: the link, the number, the order's existence. */
async function orderToPay(ctx: MoneyOrdersContext, number: string) {
  if (!ctx.headOfficeOnline()) {
    throw new ContractError('RULE_BROKEN', 'a money order is paid, cancelled or reimbursed only with head office, and the link is down: nothing is paid', {
      rule: 'money-order-needs-head-office',
    });
  }
  const asked = await lookUp(ctx, number);
  if (!asked.asked) {
    throw new ContractError('RULE_BROKEN', 'head office did not answer the lookup: nothing is booked, try again', { rule: 'money-order-needs-head-office', why: asked.why });
  }
  if (!asked.answer.found) throw new ContractError('NOT_FOUND', 'head office knows no money order with this number', { rule: 'money-order-not-found', number });
  ctx.orders.keepSeen(rowOfHeadOffice(asked.answer, localIsoTime(ctx.till.clock.now())));
  return asked.answer;
}

/**
 * Intent first: head office's view of the order is read, the pending transfers (the order's amount,
 * and for a cancellation that refunds it the fee, out of the till) and the frame's row commit
 * before head office is asked to lock; then the frame pays on a durable confirmation, or voids.
 * Every refusal about the order itself (paid, being paid at another branch, cancelled, expired,
 * wrong secret or document…) is head office's, at the lock: one place decides, under a row lock.
 */
export async function prepareAndPay(
  ctx: MoneyOrdersContext,
  frame: CounterpartyFrame,
  actor: Actor,
  purpose: MoneyOrderPurpose,
  input: PayoutInput,
  approver: string | null,
): Promise<MoneyOrderPayoutResult> {
  const number = orderNumberOf(input.number);
  const document = {
    document_type: input.document.type,
    document_number: documentNumberOf(input.document.number, 'document.number'),
    document_country: input.document.country,
  };
  const order = await orderToPay(ctx, number);
  const currency = ctx.till.config().currency;
  if (order.currency !== currency) {
    throw new ContractError('RULE_BROKEN', `this order is in ${order.currency}; this branch pays ${currency}`, { rule: 'currency-mismatch' });
  }
  const feeRefund = purpose === 'cancel' && order.fee > 0 && order.kind !== 'international-incoming' && ctx.tariffs.read(tariffKeyOf(order.kind)).cancel_refunds_fee ? order.fee : 0;
  const secretProof = purpose === 'pay' && input.secret !== undefined ? await secretHash(input.secret, order.secret_salt) : null;
  const customerName = purpose === 'pay' ? order.payee.name : order.sender.name;
  const pendingTransferId = `${input.operationId}/1`;
  const request: PayoutRequest = { number, purpose, pendingTransferId, secretProof, document, amount: order.amount, feeRefund, customerName };
  const accounts = moneyOrderAccounts(currency);
  const { replayed } = frame.prepare(
    PAYOUT_KINDS[purpose],
    { operationId: input.operationId, tillSessionId: input.sessionId, operator: actor.username, approver, amount: order.amount + feeRefund, currency },
    request,
    (op) => {
      const session = readSession(ctx.till.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      const payout = op.transfer({
        debit: accounts.payable,
        credit: session.cash_account_id,
        amount: order.amount,
        currency,
        code: purpose === 'pay' ? MONEY_ORDER_CODES.payout : MONEY_ORDER_CODES.refund,
        reference: number,
        phase: 'pending',
      });
      // Head office finds its lock by this id when the post replicates: it must be the one sent.
      if (payout.id !== pendingTransferId) throw new Error(`money order payout: the pending transfer is ${payout.id}, not ${pendingTransferId}`);
      if (feeRefund > 0) {
        op.transfer({ debit: accounts.fees, credit: session.cash_account_id, amount: feeRefund, currency, code: MONEY_ORDER_CODES.feeRefund, reference: number, phase: 'pending' });
      }
    },
  );
  return payoutResult(ctx, frame, await payOut(frame, input.operationId, actor.username), replayed);
}

/** A retry of an operation already prepared only asks where it stands: no lookup, check or approval again. */
export async function resumePayout(ctx: MoneyOrdersContext, frame: CounterpartyFrame, actor: Actor, purpose: MoneyOrderPurpose, operationId: string): Promise<MoneyOrderPayoutResult> {
  const found = frame.find(operationId);
  if (found?.kind !== PAYOUT_KINDS[purpose]) {
    throw new ContractError('CONFLICT', 'this operation id was already used for a different operation', { rule: 'operation-id-reused', operationId });
  }
  return payoutResult(ctx, frame, await payOut(frame, operationId, actor.username), true);
}

/** Where a payout stands, in the window's words, with head office's reason and (being paid, paid) where and when. */
export function payoutResult(ctx: MoneyOrdersContext, frame: CounterpartyFrame, view: CounterpartyOperationView, replayed: boolean): MoneyOrderPayoutResult {
  const request = frame.requestOf<PayoutRequest>(view.operationId);
  const row = readOperation(ctx.till.sqlite, view.operationId);
  const detail = view.state === 'refused' && row?.answer ? refusalDetail(row.answer) : { branch: null, at: null };
  const money = (minor: number) => ({ minor, currency: view.amount.currency });
  return {
    operationId: view.operationId,
    number: request.number,
    purpose: request.purpose,
    outcome: payoutOutcome(view),
    amount: money(request.amount),
    feeRefunded: money(request.feeRefund),
    refusal: view.refusal,
    refusalBranch: detail.branch,
    refusalAt: detail.at,
    approver: approverOf(ctx, view.operationId),
    replayed,
  };
}

/** Head office's refusal as the frame stored it: `being-paid` and `paid` name the branch and when. */
const RefusalDetail = z.object({ detail: z.object({ branch: z.string().nullish(), at: z.string().nullish() }).nullish() });

function refusalDetail(answer: string): { branch: string | null; at: string | null } {
  const parsed = RefusalDetail.safeParse(JSON.parse(answer));
  const detail = parsed.success ? parsed.data.detail : null;
  return { branch: detail?.branch ?? null, at: detail?.at ?? null };
}

function approverOf(ctx: MoneyOrdersContext, operationId: string): string | null {
  return first(ctx.till.sqlite, build.selectFrom('ledger_operations').select('approver').where('id', '=', operationId))?.approver ?? null;
}
