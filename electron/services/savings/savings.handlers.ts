import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf, answer } from '../till/answer';
import { accountViews } from './account-view';
import type { Approvals } from '../auth/approvals';
import type { CounterpartyFrame } from '../counterparty/counterparty-frame';
import { deposit } from './deposit';
import { openingService } from './opening';
import { checkHolderDocument } from './holder-document';
import { checkWithdrawal, withdraw } from './withdrawal';
import { knownAccount, refreshAccount } from './savings-accounts';
import type { SavingsContext } from './savings-context';
import { savingsProducts } from './savings-products';

type SavingsMethod = 'savings.products' | 'savings.accounts' | 'savings.account' | 'savings.open' | 'savings.deposit' | 'savings.withdraw';

/** Postal savings at the window: products, the accounts known here, deposits, withdrawals. */
export function savingsHandlers(ctx: SavingsContext, frame: CounterpartyFrame, approvals: Approvals): Pick<Handlers, SavingsMethod> {
  const products = savingsProducts(ctx.till.sqlite, ctx.till.branch);
  /** Cash out of the drawer above the cash policy's paid-out threshold needs a supervisor at the window, a withdrawal too. */
  const approvalAbove = () => ctx.till.config().approvalAbove.paidOut;
  const view = accountViews(ctx.till.sqlite, ctx.accounts, ctx.closings);
  const open = openingService(ctx);
  return {
    'savings.products': () =>
      products().map((p) => ({
        code: p.code,
        name: p.name,
        currency: p.currency,
        annualRateBp: p.annual_rate_bp,
        minimumOpeningDeposit: { minor: p.min_opening_deposit, currency: p.currency },
        minimumBalance: { minor: p.min_balance, currency: p.currency },
      })),
    'savings.accounts': ({ customerId }) => ctx.accounts.ofCustomer(customerId).map((row) => view(row, false)),
    'savings.account': async ({ accountNumber }) => {
      const fresh = await refreshAccount(ctx, accountNumber);
      return fresh ? view(fresh, true) : view(knownAccount(ctx, accountNumber), false);
    },
    'savings.open': async (input, context) => {
      const opened = await open(actorOf(signedIn(context)), input);
      return { account: view(knownAccount(ctx, opened.accountNumber), false), deposit: opened.deposit };
    },
    'savings.deposit': async (input, context) => {
      const actor = actorOf(signedIn(context));
      // Online, head office's word on the account first: a block or a closing decided there since is refused here.
      if (ctx.headOfficeOnline()) await refreshAccount(ctx, input.accountNumber);
      return answer(deposit(ctx, actor, input));
    },
    'savings.withdraw': async (input, context) => {
      const signed = signedIn(context);
      // A retry of a prepared withdrawal only asks where it stands: no check or approval again.
      let approver: string | null = null;
      if (!frame.find(input.operationId)) {
        // Head office checks blocks and dormancy at the reserve; a copy here saying blocked or dormant
        // is confirmed first, so a stale one never refuses on its own (and the common case asks nothing more).
        const seen = ctx.accounts.read(input.accountNumber)?.status;
        if (ctx.headOfficeOnline() && (seen === 'blocked' || seen === 'dormant')) await refreshAccount(ctx, input.accountNumber);
        const { amount } = checkWithdrawal(ctx, input);
        const account = knownAccount(ctx, input.accountNumber);
        checkHolderDocument(ctx, account, input.document);
        if (amount > approvalAbove()) {
          approver = await approvals.require({ action: 'savings.withdraw', subject: input.accountNumber, session: signed.session, credentials: signed.approval });
        }
      }
      return withdraw(ctx, frame, actorOf(signed), input, approver);
    },
  };
}
