import { createHash } from 'node:crypto';
import { ContractError, type AcceptanceResult, type ParsedInput, type Party } from '@shared/contract';
import { takeFromStock } from '../basket/stock';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome, type OperationWriter } from '../ledger/ledger';
import { checkAmount, invalidAmount } from '../till/cash-policy';
import { takeOperationNumber } from '../till/operation-number';
import type { Actor } from '../till/till-context';
import { readSession, requireOwner, requireStatus } from '../till/till-sessions.repository';
import { recordTrackingEvent } from '../tracking/tracking-events';
import { acceptanceReceipt } from './acceptance-receipt';
import type { BookedAcceptance } from './booked-acceptance';
import { priceBasket, type PricedBasket, type PricedItem } from './basket-pricing';
import type { MailContext } from './mail-context';
import { mailRepository } from './mail.repository';
import { writeAcceptanceJobs } from './mail-outputs';
import { issueS10 } from './s10-allocator';

type AcceptInput = ParsedInput<'mail.accept'>;
type Printing = AcceptanceResult['printing'];

/**
 * A counter basket — mail items and retail products — paid in cash, as ONE ledger operation:
 * the S10 numbers, the items with their customs declarations, their acceptance (EMA) tracking
 * events, the stock, the frequent senders and the label and receipt print jobs are written in
 * the same SQLite transaction as the transfers, so either the whole basket is booked, ready to
 * print, or nothing is. Printing starts after the commit; a replay prints nothing again.
 */
export function acceptBasket(ctx: MailContext, actor: Actor, input: AcceptInput): OperationOutcome<BookedAcceptance> & { printing: Printing } {
  const config = ctx.till.config();
  const currency = config.currency;
  const basket = priceBasket(ctx, input, currency);
  checkAmount('total', { minor: basket.total, currency }, config);
  const tendered = checkAmount('tendered.minor', input.tendered, config);
  if (tendered < basket.total) throw invalidAmount('tendered.minor', 'tender-short', 'the customer has not given enough', { total: basket.total });
  const branch = ctx.reference.profile();

  let outputs: ReturnType<typeof writeAcceptanceJobs> = { printing: { labels: 'none', queued: 0 }, jobs: [] };
  const outcome = ctx.till.ledger.run(
    { id: input.operationId, kind: 'mail-acceptance', fingerprint: fingerprintOf('mail-acceptance', input), tillSessionId: input.sessionId, operator: actor.username, approver: null, reason: null },
    (op) => {
      const session = readSession(ctx.till.sqlite, input.sessionId);
      requireOwner(session, actor, false);
      requireStatus(session, 'open');
      const cash = session.cash_account_id;
      const s10s = basket.items.map((item) => (item.service.s10Indicator ? issueWithRefresh(ctx, item.service.s10Indicator, op) : null));
      basket.items.forEach((item, index) => {
        const s10 = s10s[index] ?? null;
        const postage = item.quote.postageMinor + item.quote.surcharges.reduce((sum, s) => sum + s.amountMinor, 0);
        // The S10 is booked once in the whole ledger: the database refuses a second sale of the same number.
        op.transfer({ debit: cash, credit: accountFor.revenue(`MAIL-${item.service.code}`, currency), amount: postage, currency, code: 'sale', reference: s10, uniqueReference: s10 !== null });
        if (item.quote.insuranceMinor > 0) {
          op.transfer({ debit: cash, credit: accountFor.revenue('MAIL-INSURANCE', currency), amount: item.quote.insuranceMinor, currency, code: 'sale', reference: s10 });
        }
        if (s10) writeItem(ctx, op, actor, item, s10, basket, branch.code);
        rememberSender(ctx, item.input.sender, op.at);
      });
      for (const line of basket.products) {
        op.transfer({ debit: cash, credit: accountFor.revenue(line.product.code, currency), amount: line.amount, currency, code: 'sale', quantity: line.quantity });
      }
      takeFromStock(ctx.till.sqlite, basket.products.map((line) => ({ productCode: line.product.code, quantity: line.quantity })), op.at);
      op.setAmount(basket.total);
      const money = (minor: number) => ({ minor, currency });
      const booked: Omit<BookedAcceptance, 'receipt'> & { operationNumber: string } = {
        operationId: input.operationId,
        operationNumber: takeOperationNumber(ctx.till.sqlite, branch.code, op.id, op.at),
        sessionId: session.id,
        at: op.at,
        items: basket.items.map((item, index) => ({
          s10: s10s[index] ?? null,
          service: item.service.code,
          serviceName: item.service.name,
          destinationCountry: item.input.destinationCountry,
          zone: item.quote.zone,
          grams: item.weighing.grams,
          weightSource: item.weighing.source,
          chargeableGrams: item.quote.chargeableGrams,
          customsForm: item.customs?.form ?? null,
          postage: money(item.quote.postageMinor),
          insurance: money(item.quote.insuranceMinor),
          surcharges: money(item.quote.surcharges.reduce((sum, s) => sum + s.amountMinor, 0)),
          amount: money(item.quote.totalMinor),
        })),
        products: basket.products.map((line) => ({
          productCode: line.product.code,
          ean: line.ean,
          name: line.product.name,
          quantity: line.quantity,
          unitPrice: line.product.price,
          amount: money(line.amount),
        })),
        total: money(basket.total),
        tendered: money(tendered),
        change: money(tendered - basket.total),
      };
      // Built after the last transfer: its hash (the one the branch key signs) goes on the receipt.
      const lastHash = op.lastHash();
      const receipt = acceptanceReceipt(booked, { branch, operator: actor.username, trackingUrl: ctx.trackingUrl });
      const withReceipt = { ...booked, receipt: { ...receipt, verification: lastHash ? { operationId: input.operationId, hash: lastHash } : null } };
      outputs = writeAcceptanceJobs(ctx, withReceipt, input.items);
      return withReceipt;
    },
  );
  if (outcome.replayed) return { ...outcome, printing: { labels: 'none', queued: 0 } };
  // Cash changed hands: the drawer opens for the change (and to put the money away).
  ctx.devices?.afterCashCommit(outputs.jobs, { openDrawer: true, reference: input.operationId });
  return { ...outcome, printing: outputs.printing };
}

/** Ranges head office sent since the last sale join the allocator before giving up. */
function issueWithRefresh(ctx: MailContext, indicator: string, op: OperationWriter): string {
  try {
    return issueS10(ctx.till.sqlite, indicator, op.id, op.at);
  } catch (error) {
    if (!(error instanceof ContractError) || error.details?.rule !== 's10-range-exhausted') throw error;
    ctx.reference.syncS10Ranges(op.at);
    return issueS10(ctx.till.sqlite, indicator, op.id, op.at);
  }
}

function writeItem(ctx: MailContext, op: OperationWriter, actor: Actor, item: PricedItem, s10: string, basket: PricedBasket, office: string): void {
  const sqlite = ctx.till.sqlite;
  const mail = mailRepository(sqlite);
  mail.insertItem({
    s10,
    operation_id: op.id,
    service: item.service.code,
    zone: item.quote.zone,
    destination_country: item.input.destinationCountry,
    weighing_id: item.weighing.id,
    chargeable_grams: item.quote.chargeableGrams,
    dimensions: item.input.dimensions ? JSON.stringify(item.input.dimensions) : null,
    sender: JSON.stringify(item.input.sender),
    recipient: JSON.stringify(item.input.recipient),
    declared_value: item.input.declaredValueMinor ?? 0,
    postage: item.quote.postageMinor,
    insurance: item.quote.insuranceMinor,
    surcharges: JSON.stringify(item.quote.surcharges),
    total: item.quote.totalMinor,
    currency: basket.tariff.currency,
    tariff_version: basket.tariff.version,
    accepted_by: actor.username,
    accepted_at: op.at,
  });
  if (item.customs) {
    const { declaration, form, value } = item.customs;
    mail.insertDeclaration({ s10, form, category: declaration.category!, explanation: declaration.explanation ?? null, total_value: value, currency: basket.tariff.currency });
    declaration.lines.forEach((line, index) =>
      mail.insertCustomsLine({
        s10,
        line_no: index + 1,
        description: line.description!.trim(),
        quantity: line.quantity!,
        net_weight_grams: line.netWeightGrams!,
        value: line.valueMinor!,
        hs_code: line.hsCode || null,
        origin_country: line.originCountry || null,
      }),
    );
  }
  recordTrackingEvent(sqlite, { id: `${op.id}/EMA/${s10}`, s10, code: 'EMA', at: op.at, office, operator: actor.username, operation_id: op.id, source: 'counter', note: null });
}

/** Senders who come back are found by name at the next visit. */
function rememberSender(ctx: MailContext, sender: Party, at: string): void {
  if (sender.name.trim().length === 0) return; // an ordinary letter may come without a sender
  const id = createHash('sha256').update(`${sender.name.toLowerCase()}\n${sender.address.toLowerCase()}`).digest('hex').slice(0, 20);
  mailRepository(ctx.till.sqlite).rememberSender({
    id,
    name: sender.name,
    address: [sender.address, sender.locality].filter(Boolean).join(', '),
    phone: sender.phone,
    country: sender.country,
    last_used_at: at,
  });
}
