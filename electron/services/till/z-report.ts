import type { ZReport } from '@shared/contract';
import { MONEY_ORDER_CODES, MONEY_ORDER_KINDS_IN_LEDGER } from '@shared/money-order-ledger';
import { all, build } from '../db/typed-statement';
import type { LedgerOperationTable, LedgerSessionTotalTable } from '../ledger/ledger.tables';
import { toCountResult, listCounts } from './blind-count';
import type { TillContext } from './till-context';
import { expectedCash, readSession } from './till-sessions.repository';

/** The product or reason code inside an account id such as `revenue:STAMP-LOCAL:DJF`. */
const codeIn = (accountId: string): string => accountId.split(':')[1] ?? accountId;

/** Operations where a customer pays the till for the branch's own products and services. */
const SALE_KINDS = "('sale', 'mail-acceptance')";

/**
 * The end-of-session summary. Reads the per-session totals kept with every
 * transfer, the session's voids and counts: a handful of indexed rows, however
 * large the ledger has grown.
 */
export function zReport(ctx: TillContext, sessionId: string): ZReport {
  const session = readSession(ctx.sqlite, sessionId);
  const currency = session.currency;
  const money = (minor: number) => ({ minor, currency });
  const totals = ctx.sqlite.prepare('SELECT * FROM ledger_session_totals WHERE till_session_id = ?').all(sessionId) as LedgerSessionTotalTable[];
  const sum = (predicate: (t: LedgerSessionTotalTable) => boolean) => totals.filter(predicate).reduce((s, t) => s + t.amount, 0);

  const products = new Map<string, { count: number; gross: number; voided: number }>();
  const productLine = (code: string) => {
    let line = products.get(code);
    if (!line) products.set(code, (line = { count: 0, gross: 0, voided: 0 }));
    return line;
  };
  const paidIn = new Map<string, { count: number; amount: number }>();
  const paidOut = new Map<string, { count: number; amount: number }>();
  const collectedOnDelivery = new Map<string, { count: number; amount: number }>();
  const add = (map: Map<string, { count: number; amount: number }>, code: string, count: number, amount: number) => {
    const line = map.get(code) ?? { count: 0, amount: 0 };
    line.count += count;
    line.amount += amount;
    map.set(code, line);
  };
  for (const t of totals) {
    if (t.code === 'sale') {
      const line = productLine(codeIn(t.credit_account_id));
      line.count += t.quantity;
      line.gross += t.amount;
    } else if (t.code === 'void' && t.debit_account_id.startsWith('revenue:')) {
      const line = productLine(codeIn(t.debit_account_id));
      line.count -= t.quantity;
      line.voided += t.amount;
    } else if (t.code === 'paid-in') add(paidIn, codeIn(t.credit_account_id), t.transfers, t.amount);
    else if (t.code === 'void' && t.debit_account_id.startsWith('paid-in:')) add(paidIn, codeIn(t.debit_account_id), -t.transfers, -t.amount);
    else if (t.code === 'paid-out') add(paidOut, codeIn(t.debit_account_id), t.transfers, t.amount);
    else if (t.code === 'void' && t.credit_account_id.startsWith('paid-out:')) add(paidOut, codeIn(t.credit_account_id), -t.transfers, -t.amount);
    else if (t.code === 'cod') add(collectedOnDelivery, codeIn(t.credit_account_id), t.transfers, t.amount);
  }

  const operations = ctx.sqlite.prepare('SELECT * FROM ledger_operations WHERE till_session_id = ? AND kind = ? ORDER BY at');
  const voids = operations.all(sessionId, 'void') as LedgerOperationTable[];
  // A mail basket is one payment however many items it holds; a void takes its payment back.
  const saleCount = (
    ctx.sqlite.prepare(`SELECT count(*) AS n FROM ledger_operations WHERE till_session_id = ? AND kind IN ${SALE_KINDS} AND transfer_count > 0`).get(sessionId) as { n: number }
  ).n;
  const voidedSales = (
    ctx.sqlite
      .prepare(
        `SELECT count(*) AS n FROM ledger_operations v JOIN ledger_operations s ON s.id = v.reverses_operation_id
          WHERE v.till_session_id = ? AND v.kind = 'void' AND s.kind IN ${SALE_KINDS}`,
      )
      .get(sessionId) as { n: number }
  ).n;
  const close = session.close_operation_id
    ? (ctx.sqlite.prepare('SELECT * FROM ledger_operations WHERE id = ?').get(session.close_operation_id) as LedgerOperationTable | undefined)
    : undefined;
  const salesNet = sum((t) => t.code === 'sale') - sum((t) => t.code === 'void' && t.debit_account_id.startsWith('revenue:'));
  const lastSeq = (ctx.sqlite.prepare('SELECT max(seq) AS seq FROM ledger_transfers WHERE till_session_id = ?').get(sessionId) as { seq: number | null }).seq;

  return {
    sessionId,
    tillId: session.till_id,
    clerk: session.clerk,
    status: session.status,
    currency,
    openedAt: session.opened_at,
    openedBy: session.opened_by,
    closedAt: session.closed_at,
    closedBy: session.closed_by,
    products: [...products].map(([code, line]) => ({
      productCode: code,
      name: ctx.catalog.nameOf(code),
      count: line.count,
      gross: money(line.gross),
      voided: money(line.voided),
      net: money(line.gross - line.voided),
    })),
    payments: [{ method: 'cash', count: saleCount - voidedSales, amount: money(salesNet) }],
    cashMovements: {
      float: money(sum((t) => t.code === 'float')),
      topUps: money(sum((t) => t.code === 'top-up')),
      drops: money(sum((t) => t.code === 'drop')),
      paidIn: [...paidIn].map(([reasonCode, l]) => ({ reasonCode, count: l.count, amount: money(l.amount) })),
      paidOut: [...paidOut].map(([reasonCode, l]) => ({ reasonCode, count: l.count, amount: money(l.amount) })),
      collectedOnDelivery: [...collectedOnDelivery].map(([marketplace, l]) => ({ marketplace, count: l.count, amount: money(l.amount) })),
      returnedToSafe: money(sum((t) => t.code === 'close-to-safe')),
    },
    voids: {
      count: voids.length,
      amount: money(voids.reduce((s, v) => s + v.amount, 0)),
      items: voids.map((v) => ({
        operationId: v.id,
        targetOperationId: v.reverses_operation_id ?? '',
        reason: v.reason ?? '',
        by: v.operator,
        approvedBy: v.approver,
        at: v.at,
        amount: money(v.amount),
      })),
    },
    counts: listCounts(ctx.sqlite, sessionId).map((row) => {
      const count = toCountResult(row, currency);
      return { countId: count.countId, attempt: count.attempt, counted: count.counted, expected: count.expected, countedBy: count.countedBy, at: count.at };
    }),
    overShort: {
      over: money(sum((t) => t.code === 'over')),
      short: money(sum((t) => t.code === 'short')),
      suspense: money(sum((t) => t.code === 'over-disputed' || t.code === 'short-disputed')),
      explanation: close?.reason ?? null,
      approvedBy: close?.approver ?? null,
    },
    moneyOrders: moneyOrderLines(ctx, sessionId, totals, money),
    expectedCash: money(expectedCash(ctx.sqlite, session)),
    lastSeq,
  };
}

/**
 * Money orders at the till, from the session totals (posted money only: a payout still waiting for
 * head office is not counted). A refund is one code for a cancellation and a reimbursement; the
 * counterparty operation it posted tells them apart.
 */
function moneyOrderLines(ctx: TillContext, sessionId: string, totals: LedgerSessionTotalTable[], money: (minor: number) => { minor: number; currency: string }): ZReport['moneyOrders'] {
  const line = (count: number, amount: number) => ({ count, amount: money(amount) });
  const byCode = (code: string) => {
    const rows = totals.filter((t) => t.code === code);
    return line(
      rows.reduce((n, t) => n + t.transfers, 0),
      rows.reduce((s, t) => s + t.amount, 0),
    );
  };
  const refunds = all(
    ctx.sqlite,
    build
      .selectFrom('ledger_transfers as t')
      .innerJoin('counterparty_operations as o', 'o.post_operation_id', 't.operation_id')
      .select(['o.kind', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number>('t.amount').as('amount')])
      .where('t.till_session_id', '=', sessionId)
      .where('t.code', '=', MONEY_ORDER_CODES.refund)
      .groupBy('o.kind'),
  );
  const refundsOf = (kind: string) => {
    const row = refunds.find((r) => r.kind === kind);
    return line(row?.count ?? 0, row?.amount ?? 0);
  };
  return {
    issued: byCode(MONEY_ORDER_CODES.issue),
    fees: byCode(MONEY_ORDER_CODES.fee),
    paid: byCode(MONEY_ORDER_CODES.payout),
    cancelled: refundsOf(MONEY_ORDER_KINDS_IN_LEDGER.cancel),
    reimbursed: refundsOf(MONEY_ORDER_KINDS_IN_LEDGER.reimburse),
    feesRefunded: byCode(MONEY_ORDER_CODES.feeRefund),
  };
}
