import { spacedMoneyOrderNumber } from '@shared/money-order-number';
import type { Approvals } from '../auth/approvals';
import type { CounterpartyFrame } from '../counterparty/counterparty-frame';
import { localIsoTime } from '../ledger/local-time';
import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf } from '../till/answer';
import { checkAmount } from '../till/cash-policy';
import { findOrder } from './find';
import { incomingOrders } from './incoming';
import { issue } from './issue';
import type { MoneyOrdersContext } from './money-orders-context';
import type { MoneyOrderPurpose } from '../headoffice/money-orders-api';
import { prepareAndPay, resumePayout } from './payout';
import { expiryOf, tariffKeyOf } from './tariff';

type MoneyOrdersMethod =
  | 'moneyOrders.tariff'
  | 'moneyOrders.quote'
  | 'moneyOrders.issue'
  | 'moneyOrders.find'
  | 'moneyOrders.pay'
  | 'moneyOrders.cancel'
  | 'moneyOrders.reimburse'
  | 'moneyOrders.incoming'
  | 'moneyOrders.issued';

/** Money orders at the window: tariff and quote, issue, find, pay, cancel, reimburse, the incoming and the issued. */
export function moneyOrdersHandlers(ctx: MoneyOrdersContext, frame: CounterpartyFrame, approvals: Approvals): Pick<Handlers, MoneyOrdersMethod> {
  const incoming = incomingOrders(ctx.till.sqlite, () => ctx.till.branch().code, () => ctx.till.clock.now());

  /**
   * Pay, cancel, reimburse. A retry of an operation already prepared only asks where it stands; a
   * new one is checked (and, to give money back to the sender, approved by a supervisor at the
   * window: the order's whole amount leaves) before anything is booked.
   */
  const payout = (purpose: MoneyOrderPurpose) => async (input: Parameters<typeof prepareAndPay>[4], context: Parameters<Handlers['moneyOrders.pay']>[1]) => {
    const signed = signedIn(context);
    const actor = actorOf(signed);
    if (frame.find(input.operationId)) return resumePayout(ctx, frame, actor, purpose, input.operationId);
    const approver =
      purpose === 'pay'
        ? null
        : await approvals.require({ action: `moneyOrders.${purpose}`, subject: input.number, session: signed.session, credentials: signed.approval });
    return prepareAndPay(ctx, frame, actor, purpose, input, approver);
  };

  return {
    'moneyOrders.tariff': ({ key }) => ctx.tariffs.view(key),
    'moneyOrders.quote': ({ kind, amount }) => {
      const config = ctx.till.config();
      const minor = checkAmount('amount.minor', amount, config);
      const priced = ctx.tariffs.price(tariffKeyOf(kind), minor, config.currency);
      const money = (value: number) => ({ minor: value, currency: config.currency });
      return {
        kind,
        amount: money(minor),
        fee: money(priced.fee),
        total: money(minor + priced.fee),
        payeeDocumentRequired: priced.payeeDocumentRequired,
        expiresAt: localIsoTime(expiryOf(ctx.till.clock.now(), priced.validityDays)),
      };
    },
    'moneyOrders.issue': (input, context) => issue(ctx, actorOf(signedIn(context)), input),
    'moneyOrders.find': ({ number }) => findOrder(ctx, number),
    'moneyOrders.pay': payout('pay'),
    'moneyOrders.cancel': payout('cancel'),
    'moneyOrders.reimburse': payout('reimburse'),
    'moneyOrders.incoming': () => incoming(),
    'moneyOrders.issued': ({ limit, sessionId }) =>
      ctx.orders.issued(limit, sessionId).flatMap((row) =>
        row.kind === 'international-incoming' || row.issue_operation_id === null || row.issued_at === null || row.issued_by === null
          ? []
          : [
              {
                number: row.number,
                spacedNumber: spacedMoneyOrderNumber(row.number),
                kind: row.kind,
                operationId: row.issue_operation_id,
                senderName: row.sender_name,
                payeeName: row.payee_name,
                amount: { minor: row.amount, currency: row.currency },
                fee: { minor: row.fee, currency: row.currency },
                issuedAt: row.issued_at,
                issuedBy: row.issued_by,
                expiresAt: row.expires_at,
                transmitted: row.transmitted === 1,
              },
            ],
      ),
  };
}

