import { ContractError, type ParsedInput, type SavingsDepositResult } from '@shared/contract';
import { customerById } from '../customers/customers.repository';
import { typedStatement } from '../db/typed-statement';
import { fingerprintOf } from '../ledger/ledger';
import { localIsoTime } from '../ledger/local-time';
import type { Actor } from '../till/till-context';
import { savingsAccountNumbers } from './account-numbers';
import { deposit, SAVINGS_DEPOSIT } from './deposit';
import type { SavingsContext } from './savings-context';
import { savingsProducts } from './savings-products';

type OpenInput = ParsedInput<'savings.open'>;

/**
 * Opens an account: the number is taken here first (kept with the operation id, so a retry asks for
 * the same one), head office opens it in the national register (idempotent by the same id), and the
 * opening deposit is booked as a deposit under that id — head office activates the account when the
 * deposit reaches it. A retry after any step finishes the rest; nothing is booked twice.
 */
export function openingService(ctx: SavingsContext) {
  const sqlite = ctx.till.sqlite;
  const products = savingsProducts(sqlite, ctx.till.branch);
  const numbers = savingsAccountNumbers(sqlite);
  const started = typedStatement(sqlite, (db, p: { id: string }) => db.selectFrom('savings_openings').selectAll().where('operation_id', '=', p.id));
  const start = typedStatement(sqlite, (db, p: { id: string; number: string; customer: string; product: string; operator: string; at: string }) =>
    db.insertInto('savings_openings').values({ operation_id: p.id, account_number: p.number, customer_id: p.customer, product_code: p.product, operator: p.operator, at: p.at }),
  );
  /** The number this intent took, or a new one: in one transaction, so two windows never share one. */
  const numberFor = sqlite.transaction((input: OpenInput, operator: string, at: string): string => {
    const earlier = started.get({ id: input.operationId });
    if (earlier) return earlier.account_number;
    numbers.sync(at);
    const number = numbers.next();
    start.run({ id: input.operationId, number, customer: input.customerId, product: input.productCode, operator, at });
    return number;
  });

  return async (actor: Actor, input: OpenInput) => {
    const earlier = started.get({ id: input.operationId });
    const depositInput = (accountNumber: string) => ({
      operationId: input.operationId,
      sessionId: input.sessionId,
      accountNumber,
      amount: input.openingDeposit,
      ...(input.tendered ? { tendered: input.tendered } : {}),
    });
    // Everything done already (a window resending after the answer was lost): the same answer.
    if (earlier) {
      const booked = ctx.till.ledger.replay<Omit<SavingsDepositResult, 'replayed'>>(input.operationId, fingerprintOf(SAVINGS_DEPOSIT, depositInput(earlier.account_number)));
      if (booked) return { accountNumber: earlier.account_number, deposit: { ...booked, replayed: true } };
    }
    const customer = customerById(sqlite, input.customerId);
    if (!customer) throw new ContractError('NOT_FOUND', 'no such customer in this branch’s register', { rule: 'unknown-customer' });
    if (!customer.kyc_tier) throw new ContractError('RULE_BROKEN', 'the customer has no KYC tier yet: complete the identity check first', { rule: 'customer-without-kyc-tier' });
    const product = products().find((p) => p.code === input.productCode);
    if (!product) throw new ContractError('NOT_FOUND', `no savings product ${input.productCode}`, { rule: 'unknown-savings-product' });
    if (input.openingDeposit.minor < product.min_opening_deposit) {
      throw new ContractError('INVALID_INPUT', `the opening deposit is at least ${product.min_opening_deposit}`, {
        rule: 'below-opening-deposit',
        issues: [{ path: 'openingDeposit.minor', message: 'below the minimum opening deposit', code: 'below-opening-deposit' }],
        minimum: product.min_opening_deposit,
      });
    }
    if (!ctx.headOfficeOnline()) throw needsHeadOffice();

    const at = localIsoTime(ctx.till.clock.now());
    const accountNumber = numberFor(input, actor.username, at);
    const asked = await ctx.headOffice((api) =>
      api.open({ operationId: input.operationId, accountNumber, customerId: customer.id, productCode: product.code, kycTier: customer.kyc_tier!, openedAt: at }),
    );
    if (!asked.ok) throw needsHeadOffice();
    const answer = asked.value;
    if (answer.outcome === 'refused') throw new ContractError('RULE_BROKEN', `head office refused the opening: ${answer.reason}`, { rule: answer.reason });
    ctx.accounts.save({
      account_number: accountNumber,
      customer_id: customer.id,
      holder_name: `${customer.given_names} ${customer.family_name}`,
      product_code: product.code,
      currency: product.currency,
      status: answer.account.status,
      block_type: answer.account.block_type,
      balance: answer.account.balance,
      available: answer.account.available,
      as_of: at,
      opened_at: at,
      updated_at: at,
    });
    const booked = deposit(ctx, actor, depositInput(accountNumber));
    return { accountNumber, deposit: { ...booked.result, replayed: booked.replayed } };
  };
}

const needsHeadOffice = () =>
  new ContractError('RULE_BROKEN', 'opening an account needs head office, and the link is down: try again when it is back', { rule: 'opening-needs-head-office' });
