import type { Output, ParsedInput } from '@shared/contract';
import { accountFor } from '../ledger/accounts';
import { fingerprintOf, type OperationOutcome } from '../ledger/ledger';
import { checkAmount } from './cash-policy';
import type { Actor, TillContext } from './till-context';

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
      const safe = accountFor.safe(config.currency);
      const headOffice = accountFor.headOffice(config.currency);
      op.transfer(
        direction === 'received'
          ? { debit: safe, credit: headOffice, amount, currency: config.currency, code: kind, reference: input.reference ?? null }
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
