import { z } from 'zod';
import type { IncomingMoneyOrderView } from '@shared/contract';
import { checkMoneyOrderNumber, spacedMoneyOrderNumber } from '@shared/money-order-number';
import type { Sqlite } from '../db/open-database';
import { typedStatement } from '../db/typed-statement';

/**
 * An order from abroad as head office publishes it (reference pull kind `money-order-incoming`,
 * key = the number): to the payee's branch, or to every branch when `payee_branch` is null. The
 * exchange is done: the amount is in local currency, with the IFS exchange reference.
 */
const IncomingBody = z.object({
  number: z.string(),
  payee_branch: z.string().nullish(),
  sender: z.object({ name: z.string(), country: z.string().nullish() }),
  payee: z.object({
    name: z.string(),
    document_type: z.enum(['identity-card', 'passport', 'residence-permit', 'other']).nullish(),
    document_number: z.string().nullish(),
    document_country: z.string().nullish(),
  }),
  amount: z.number().int().positive(),
  currency: z.string(),
  exchange_reference: z.string().nullish(),
  expires_at: z.string(),
});

/**
 * The incoming orders this branch may pay (`moneyOrders.incoming`), soonest expiry first: for this
 * branch or for all, not yet expired, with a number whose check digits hold (a body that does not
 * parse is left out, not guessed at). Paid with `moneyOrders.pay` like any order: head office's
 * lock decides whether it is still payable.
 */
export function incomingOrders(sqlite: Sqlite, branchCode: () => string, now: () => Date) {
  const pulled = typedStatement(sqlite, (db, p: { kind: string }) => db.selectFrom('replication_reference').select(['body', 'published_at']).where('kind', '=', p.kind));
  return (): IncomingMoneyOrderView[] => {
    const at = now().getTime();
    const views = pulled.all({ kind: 'money-order-incoming' }).flatMap((row): IncomingMoneyOrderView[] => {
      const parsed = IncomingBody.safeParse(JSON.parse(row.body));
      if (!parsed.success) return [];
      const order = parsed.data;
      const payeeBranch = order.payee_branch ?? null;
      if ((payeeBranch !== null && payeeBranch !== branchCode()) || !checkMoneyOrderNumber(order.number).ok || Date.parse(order.expires_at) <= at) return [];
      return [
        {
          number: order.number,
          spacedNumber: spacedMoneyOrderNumber(order.number),
          payeeBranch,
          sender: { name: order.sender.name, country: order.sender.country ?? null },
          payee: {
            name: order.payee.name,
            documentType: order.payee.document_type ?? null,
            documentNumber: order.payee.document_number ?? null,
            documentCountry: order.payee.document_country ?? null,
          },
          amount: { minor: order.amount, currency: order.currency },
          exchangeReference: order.exchange_reference ?? null,
          expiresAt: order.expires_at,
          publishedAt: row.published_at,
        },
      ];
    });
    return views.sort((a, b) => Date.parse(a.expiresAt) - Date.parse(b.expiresAt));
  };
}
