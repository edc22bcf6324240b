import { ContractError, type MoneyOrderIssueResult, type ParsedInput } from '@shared/contract';
import { MONEY_ORDER_CODES, MONEY_ORDER_KINDS_IN_LEDGER } from '@shared/money-order-ledger';
import { withoutOneTimeText } from '@shared/receipt';
import { spacedMoneyOrderNumber } from '@shared/money-order-number';
import { customerById } from '../customers/customers.repository';
import { documentNumberOf } from '../customers/customer-record';
import type { CustomerRow } from '../customers/customers.repository';
import type { PrintJob } from '../devices/print-job-store';
import { fingerprintOf } from '../ledger/ledger';
import { localIsoTime } from '../ledger/local-time';
import { appendRegisterRecord } from '../replication/register-outbox';
import { checkAmount, invalidAmount } from '../till/cash-policy';
import { takeOperationNumber } from '../till/operation-number';
import type { Actor } from '../till/till-context';
import { readSession, requireOwner, requireStatus } from '../till/till-sessions.repository';
import { moneyOrderAccounts } from './money-order-accounts';
import { senderReceipt, voucher, type IssuedOrderPaper } from './money-order-receipts';
import type { MoneyOrdersContext } from './money-orders-context';
import { makeSalt, makeSecret, secretHash } from './secret';
import { expiryOf, tariffKeyOf } from './tariff';

const MONEY_ORDER_ISSUE = MONEY_ORDER_KINDS_IN_LEDGER.issue;

type IssueInput = ParsedInput<'moneyOrders.issue'>;
/** What the ledger keeps as the operation's result: everything but the secret. */
type StoredIssue = Omit<MoneyOrderIssueResult, 'secret' | 'replayed'>;

interface Person {
  customer_id: string | null;
  name: string;
  document_type: string | null;
  document_number: string | null;
  document_country: string | null;
}

const fullName = (customer: CustomerRow) => `${customer.given_names} ${customer.family_name}`;

function registered(ctx: MoneyOrdersContext, customerId: string, path: string): CustomerRow {
  const customer = customerById(ctx.till.sqlite, customerId);
  if (!customer) {
    throw new ContractError('RULE_BROKEN', 'this customer is not in the branch’s register: find or register them first', { rule: 'unknown-customer', customerId, path });
  }
  return customer;
}

const personOf = (customer: CustomerRow): Person => ({
  customer_id: customer.id,
  name: fullName(customer),
  document_type: customer.document_type,
  document_number: customer.document_number,
  document_country: customer.document_country,
});

/** The payee from the register, or by name with the document shown (required above the tariff's threshold). */
function payeeOf(ctx: MoneyOrdersContext, payee: IssueInput['payee'], documentRequired: boolean): Person {
  if ('customerId' in payee) return personOf(registered(ctx, payee.customerId, 'payee.customerId'));
  if (!payee.document) {
    if (documentRequired) {
      throw new ContractError('RULE_BROKEN', 'above this amount the payee is named with an identity document', {
        rule: 'payee-document-required',
        issues: [{ path: 'payee.document', code: 'payee-document-required', message: 'the payee’s document is required for this amount' }],
      });
    }
    return { customer_id: null, name: payee.name, document_type: null, document_number: null, document_country: null };
  }
  return {
    customer_id: null,
    name: payee.name,
    document_type: payee.document.type,
    document_number: documentNumberOf(payee.document.number, 'payee.document.number'),
    document_country: payee.document.country,
  };
}

function internationalOf(input: IssueInput): IssuedOrderPaper['international'] {
  if (input.kind === 'domestic') {
    if (input.international) throw invalidAmount('international', 'international-fields-domestic', 'a domestic order has no international fields');
    return null;
  }
  if (!input.international) throw invalidAmount('international', 'international-fields-required', 'an order abroad needs its destination country, the payee’s currency and its purpose');
  return input.international;
}

/**
 * A money order issued at the window, online or not (issue 16): amount and fee in cash into the
 * till, owed to payees (`money-orders-payable`) and earned (`money-order-fees`), in ONE ledger
 * operation with the order's row, its register record (how it reaches head office, with the
 * secret's salt and hash, never the secret), the sender's receipt with the secret and the voucher.
 * The drawer opens after the commit; online, the register stream is pushed at once so the order is
 * payable anywhere now. The secret is in this first answer only: a replay answers null.
 */
export async function issue(ctx: MoneyOrdersContext, actor: Actor, input: IssueInput): Promise<MoneyOrderIssueResult> {
  const fingerprint = fingerprintOf(MONEY_ORDER_ISSUE, input);
  const stored = ctx.till.ledger.replay<StoredIssue>(input.operationId, fingerprint);
  if (stored) return { ...stored, secret: null, replayed: true };

  const config = ctx.till.config();
  const amount = checkAmount('amount.minor', input.amount, config);
  const international = internationalOf(input);
  const priced = ctx.tariffs.price(tariffKeyOf(input.kind), amount, config.currency);
  const total = amount + priced.fee;
  const tendered = input.tendered ? checkAmount('tendered.minor', input.tendered, config) : total;
  if (tendered < total) throw invalidAmount('tendered.minor', 'tender-short', 'the customer has not given enough', { total });
  const sender = personOf(registered(ctx, input.senderId, 'senderId'));
  const payee = payeeOf(ctx, input.payee, priced.payeeDocumentRequired);

  // Outside the transaction: scrypt takes tens of milliseconds and the write lock waits for nobody.
  const secret = makeSecret();
  const salt = makeSalt();
  const hash = await secretHash(secret, salt);
  const payable: MoneyOrderIssueResult['payable'] = ctx.headOfficeOnline() ? 'now' : 'once-transmitted';
  const branch = ctx.till.branch();
  const money = (minor: number) => ({ minor, currency: config.currency });
  const accounts = moneyOrderAccounts(config.currency);

  const jobs: PrintJob[] = [];
  const outcome = ctx.till.ledger.run<StoredIssue>(
    { id: input.operationId, kind: MONEY_ORDER_ISSUE, fingerprint, tillSessionId: input.sessionId, operator: actor.username, approver: null, reason: null },
    (op) => {
      const session = readSession(ctx.till.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      ctx.numbers.sync(op.at);
      const number = ctx.numbers.next();
      const expiresAt = localIsoTime(expiryOf(op.date, priced.validityDays));
      // The number is booked once in the whole ledger: a second issue under it is refused by SQLite.
      op.transfer({ debit: session.cash_account_id, credit: accounts.payable, amount, currency: config.currency, code: MONEY_ORDER_CODES.issue, reference: number, uniqueReference: true });
      if (priced.fee > 0) op.transfer({ debit: session.cash_account_id, credit: accounts.fees, amount: priced.fee, currency: config.currency, code: MONEY_ORDER_CODES.fee, reference: number });
      op.setAmount(total);
      const registerSeq = appendRegisterRecord(ctx.till.sqlite, {
        kind: 'money-order',
        recordId: number,
        at: op.at,
        payload: {
          number,
          operation_id: op.id,
          kind: input.kind,
          issuing_branch: branch.code,
          currency: config.currency,
          amount,
          fee: priced.fee,
          sender,
          payee,
          secret_salt: salt,
          secret_hash: hash,
          issued_at: op.at,
          expires_at: expiresAt,
          international: international && { destination_country: international.destinationCountry, payee_currency: international.payeeCurrency, purpose: international.purpose },
        },
      });
      ctx.orders.insertIssued({
        number,
        kind: input.kind,
        source: 'issued-here',
        issue_operation_id: op.id,
        issuing_branch: branch.code,
        currency: config.currency,
        amount,
        fee: priced.fee,
        sender_customer_id: sender.customer_id,
        sender_name: sender.name,
        sender_document_type: sender.document_type,
        sender_document_number: sender.document_number,
        sender_document_country: sender.document_country,
        payee_customer_id: payee.customer_id,
        payee_name: payee.name,
        payee_document_type: payee.document_type,
        payee_document_number: payee.document_number,
        payee_document_country: payee.document_country,
        payee_document_required: priced.payeeDocumentRequired ? 1 : 0,
        international: international && JSON.stringify(international),
        status: 'issued',
        issued_at: op.at,
        issued_by: actor.username,
        expires_at: expiresAt,
        register_seq: registerSeq,
        locked_by_branch: null,
        paid_branch: null,
        paid_at: null,
        cancelled_at: null,
        reimbursed_at: null,
        seen_at: op.at,
      });
      const paper: IssuedOrderPaper = {
        operationNumber: takeOperationNumber(ctx.till.sqlite, branch.code, op.id, op.at),
        at: op.at,
        number,
        kind: input.kind,
        senderName: sender.name,
        payeeName: payee.name,
        payeeDocument: payee.document_number,
        amount: money(amount),
        fee: money(priced.fee),
        tendered: money(tendered),
        change: money(tendered - total),
        expiresAt,
        payable,
        international,
      };
      const context = { branch, operator: actor.username };
      const receipt = senderReceipt(paper, secret, context);
      const voucherPaper = voucher(paper, context);
      if (ctx.till.devices) jobs.push(ctx.till.devices.outbox.receipt(receipt, op.id), ctx.till.devices.outbox.receipt(voucherPaper, `${op.id}/voucher`));
      return {
        operationId: op.id,
        operationNumber: paper.operationNumber,
        number,
        spacedNumber: spacedMoneyOrderNumber(number),
        kind: input.kind,
        amount: paper.amount,
        fee: paper.fee,
        total: money(total),
        tendered: paper.tendered,
        change: paper.change,
        issuedAt: op.at,
        expiresAt,
        payable,
        // Kept in the ledger and shown on screen without the secret; it prints on the sender's paper only.
        receipt: withoutOneTimeText(receipt),
        voucher: voucherPaper,
      };
    },
  );
  if (outcome.replayed) return { ...outcome.result, secret: null, replayed: true };
  ctx.till.devices?.afterCashCommit(jobs, { openDrawer: true, reference: input.operationId });
  if (payable === 'now') {
    // Payable at once anywhere: the record goes now. A failure only delays it to the job's next cycle.
    await ctx.transmit().catch((error: unknown) => ctx.logger?.warn({ err: error, operationId: input.operationId }, 'money order not pushed at once: the replication job sends it'));
  }
  return { ...outcome.result, secret: input.kind === 'domestic' ? secret : null, replayed: false };
}
