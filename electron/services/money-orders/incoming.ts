import { DOCUMENT_TYPES, type IncomingMoneyOrderView } from '@shared/contract';
import { checkMoneyOrderNumber, spacedMoneyOrderNumber } from '@shared/money-order-number';
import type { Sqlite } from '../db/open-database';
import { typedStatement } from '../db/typed-statement';
import { MoneyOrderIncomingItem } from '../headoffice/money-orders-api';


/**
 * The incoming orders this branch may pay (`moneyOrders.incoming`), soonest expiry first. Head
 * office publishes an order from abroad (reference pull kind `money-order-incoming`) to the payee's
 * branch, or to every branch when `payee_branch` is null, its amount already in local currency with
 * the IFS exchange reference. Listed: for this branch or for all, not yet expired, with a number
 * whose check digits hold (a body that does not parse is left out, not guessed at). Paid with
 * `moneyOrders.pay` like any order: head office's lock decides whether it is still payable.
 */

export function incomingOrders(sqlite: Sqlite, branchCode: () => string, now: () => Date) {
  const pulled = typedStatement(sqlite, (db, p: { kind: string }) => db.selectFrom('replication_reference').select(['body', 'published_at']).where('kind', '=', p.kind));
  return (): IncomingMoneyOrderView[] => {
    const at = now().getTime();
    const views = pulled.all({ kind: 'money-order-incoming' }).flatMap((row): IncomingMoneyOrderView[] => {
      const parsed = MoneyOrderIncomingItem.safeParse(JSON.parse(row.body));
      if (!parsed.success) return [];
      const order = parsed.data;
      const payeeBranch = order.payee_branch;
      const international = order.international ?? {};
      const text = (value: unknown) => (typeof value === 'string' ? value : null);
      if ((payeeBranch !== null && payeeBranch !== branchCode()) || !checkMoneyOrderNumber(order.number).ok || Date.parse(order.expires_at) <= at) return [];
      return [
        {
          number: order.number,
          spacedNumber: spacedMoneyOrderNumber(order.number),
          payeeBranch,
          sender: { name: order.sender.name, country: text(international.origin_country) },
          payee: {
            name: order.payee.name,
            documentType: DOCUMENT_TYPES.find((type) => type === order.payee.document_type) ?? null,
            documentNumber: order.payee.document_number,
            documentCountry: order.payee.document_country,
          },
          amount: { minor: order.amount, currency: order.currency },
          exchangeReference: text(international.exchange_reference),
          expiresAt: order.expires_at,
          publishedAt: row.published_at,
        },
      ];
    });
    return views.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
  };
}
