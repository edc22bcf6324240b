import { ContractError, type ParsedInput, type SaleResult } from '@shared/contract';
import { takeFromStock } from '../basket/stock';
import type { PrintJob } from '../devices/print-job-store';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { checkAmount, invalidAmount } from './cash-policy';
import { takeOperationNumber } from './operation-number';
import { saleReceipt } from './sale-receipt';
import type { Actor, TillContext } from './till-context';
import { readSession, requireOwner, requireStatus } from './till-sessions.repository';

/**
 * A cash sale of catalogue products: one revenue transfer per line into the
 * till, all in one operation. Prices come from the catalogue, never from the
 * window; the change is what the clerk hands back, computed here. In the same
 * transaction the stocked products leave the shelf (the basket's stock, shared
 * with the mail counter), the sale takes its receipt number and its receipt job
 * (the print outbox); after the commit the receipt prints and the drawer opens.
 */
export function completeSale(ctx: TillContext, actor: Actor, input: ParsedInput<'sale.complete'>): OperationOutcome<SaleResult> {
  const config = ctx.config();
  const currency = config.currency;
  const lines = input.lines.map((line, index) => {
    const product = ctx.catalog.find(line.productCode, currency);
    if (product.requiresReference && !line.reference) {
      throw new ContractError('INVALID_INPUT', `${product.code} needs its item reference`, {
        issues: [{ path: `lines.${index}.reference`, message: 'reference required', code: 'reference-required' }],
        rule: 'reference-required',
      });
    }
    if (product.requiresReference && line.quantity !== 1) {
      throw new ContractError('INVALID_INPUT', 'one line per referenced item', {
        issues: [{ path: `lines.${index}.quantity`, message: 'one item per reference', code: 'one-per-reference' }],
        rule: 'one-per-reference',
      });
    }
    const amount = product.price.minor * line.quantity;
    return { product, quantity: line.quantity, amount, reference: line.reference ?? null };
  });
  const total = lines.reduce((sum, line) => sum + line.amount, 0);
  checkAmount('total', { minor: total, currency }, config);
  const tendered = checkAmount('tendered.minor', input.tendered, config);
  if (tendered < total) throw invalidAmount('tendered.minor', 'tender-short', 'the customer has not given enough', { total });

  const branch = ctx.branch();
  const jobs: PrintJob[] = [];
  const outcome = ctx.ledger.run(
    { id: input.operationId, kind: 'sale', fingerprint: fingerprintOf('sale', input), tillSessionId: input.sessionId, operator: actor.username, approver: null, reason: null },
    (op) => {
      const session = readSession(ctx.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      for (const line of lines) {
        op.transfer({
          debit: session.cash_account_id,
          credit: accountFor.revenue(line.product.code, currency),
          amount: line.amount,
          currency,
          code: 'sale',
          quantity: line.quantity,
          reference: line.reference,
          uniqueReference: line.product.requiresReference,
        });
      }
      op.setAmount(total);
      takeFromStock(ctx.sqlite, lines.map((line) => ({ productCode: line.product.code, quantity: line.quantity })), op.at);
      const booked = {
        operationId: input.operationId,
        operationNumber: takeOperationNumber(ctx.sqlite, branch.code, op.id, op.at),
        sessionId: session.id,
        at: op.at,
        lines: lines.map((line) => ({
          productCode: line.product.code,
          name: line.product.name,
          quantity: line.quantity,
          unitPrice: line.product.price,
          amount: { minor: line.amount, currency },
          reference: line.reference,
        })),
        total: { minor: total, currency },
        tendered: { minor: tendered, currency },
        change: { minor: tendered - total, currency },
        payment: 'cash' as const,
      };
      if (ctx.devices) jobs.push(ctx.devices.outbox.receipt(saleReceipt(booked, { branch, operator: actor.username }), op.id));
      return { ...booked, replayed: false };
    },
  );
  if (!outcome.replayed) ctx.devices?.afterCashCommit(jobs, { openDrawer: true, reference: input.operationId });
  return outcome;
}
