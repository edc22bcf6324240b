import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf, answer } from '../till/answer';
import { accountViews } from './account-view';
import { deposit } from './deposit';
import { knownAccount } from './savings-accounts';
import type { SavingsContext } from './savings-context';
import { savingsProducts } from './savings-products';

type SavingsMethod = 'savings.products' | 'savings.accounts' | 'savings.account' | 'savings.deposit';

/** Postal savings at the window: products, the accounts known here, deposits. */
export function savingsHandlers(ctx: SavingsContext): Pick<Handlers, SavingsMethod> {
  const products = savingsProducts(ctx.till.sqlite, ctx.till.branch);
  const view = accountViews(ctx.till.sqlite, ctx.accounts);
  return {
    'savings.products': () =>
      products().map((p) => ({
        code: p.code,
        name: p.name,
        currency: p.currency,
        annualRateBp: p.annualRateBp,
        minimumOpeningDeposit: { minor: p.minimumOpeningDeposit, currency: p.currency },
        minimumBalance: { minor: p.minimumBalance, currency: p.currency },
      })),
    'savings.accounts': ({ customerId }) => ctx.accounts.ofCustomer(customerId).map((row) => view(row, false)),
    'savings.account': ({ accountNumber }) => view(knownAccount(ctx, accountNumber), false),
    'savings.deposit': (input, context) => answer(deposit(ctx, actorOf(signedIn(context)), input)),
  };
}
