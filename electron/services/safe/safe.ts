import { ContractError, type Output, type ParsedInput } from '@shared/contract';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { isReferenceBooked } from '../ledger/transfers.repository';
import { checkAmount } from '../till/cash-policy';
import type { Actor, TillContext } from '../till/till-context';

export function safeStatus(ctx: TillContext): Output<'safe.status'> {
  const currency = ctx.config().currency;
  const safe = ctx.ledger.readAccount(accountFor.safe(currency).id);
  const money = (minor: number) => ({ minor, currency });
  return {
    currency,
    balance: money(safe ? safe.debits_posted - safe.credits_posted : 0),
    pendingIn: money(safe?.debits_pending ?? 0),
    pendingOut: money(safe?.credits_pending ?? 0),
  };
}

/** Cash delivered to the safe by head office or the bank, or sent back to them. */
export function moveSafeCash(
  ctx: TillContext,
  actor: Actor,
  direction: 'received' | 'sent',
  input: ParsedInput<'safe.receiveCash'>,
): OperationOutcome<Output<'safe.receiveCash'>> {
  const config = ctx.config();
  const amount = checkAmount('amount.minor', input.amount, config);
  const kind = direction === 'received' ? 'safe-receive' : 'safe-send';
  return ctx.ledger.run(
    { id: input.operationId, kind, fingerprint: fingerprintOf(kind, input), tillSessionId: null, operator: actor.username, approver: actor.username, reason: input.note ?? null },
    (op) => {
      // A head-office remittance (BRD-0002…) arrives once: a second receipt under the same number is a
      // double entry (Horizon's lesson 1), refused here in words and by the ledger's UNIQUE reference.
      if (direction === 'received' && input.reference) refuseSecondRemittance(ctx, input.reference);
      const safe = accountFor.safe(config.currency);
      const headOffice = accountFor.headOffice(config.currency);
      op.transfer(
        direction === 'received'
          ? { debit: safe, credit: headOffice, amount, currency: config.currency, code: kind, reference: input.reference ?? null, uniqueReference: Boolean(input.reference) }
          : { debit: headOffice, credit: safe, amount, currency: config.currency, code: kind, reference: input.reference ?? null },
      );
      op.setAmount(amount);
      return {
        operationId: input.operationId,
        kind: direction,
        amount: { minor: amount, currency: config.currency },
        reference: input.reference ?? null,
        at: op.at,
        replayed: false,
      };
    },
  );
}

function refuseSecondRemittance(ctx: TillContext, reference: string): void {
  if (isReferenceBooked(ctx.sqlite, reference)) throw new ContractError('CONFLICT', `a safe receipt with reference ${reference} is already booked`, { rule: 'duplicate-remittance', reference });
}
