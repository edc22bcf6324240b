import type { ParsedInput, PassbookReplacement } from '@shared/contract';
import { fingerprintOf } from '../ledger/ledger';
import type { Actor } from '../till/till-context';
import type { PassbookDesk } from './passbook';
import { knownAccount } from './savings-accounts';

/** The ledger's name for a passbook replaced: an operation without money, kept for its id, operator and approver. */
export const SAVINGS_PASSBOOK_REPLACED = 'savings-passbook-replaced';

/**
 * A passbook reported lost: blocked for good (presented later, it is recognised and refused) and
 * a new number issued, whose first line will carry the lost book's last balance forward. Offline
 * allowed: blocking a lost book must not wait for the link. Booked as a ledger operation without
 * transfers so the report is made once per operation id (a retry answers the first new number,
 * never blocks the new book) and stays in the journal with who asked and who approved.
 */
export function reportLostPassbook(
  desk: PassbookDesk,
  actor: Actor,
  approver: string,
  input: ParsedInput<'savings.reportLostPassbook'>,
): PassbookReplacement {
  const { ctx, passbooks } = desk;
  const account = knownAccount(ctx, input.accountNumber);
  const fingerprint = fingerprintOf(SAVINGS_PASSBOOK_REPLACED, input);
  const outcome = ctx.till.ledger.run<Omit<PassbookReplacement, 'replayed'>>(
    { id: input.operationId, kind: SAVINGS_PASSBOOK_REPLACED, fingerprint, tillSessionId: null, operator: actor.username, approver, reason: 'passbook reported lost' },
    (op) => {
      const lost = ctx.accounts.passbook(account.account_number);
      if (lost) ctx.accounts.markLost({ number: lost.number, at: op.at, by: actor.username });
      // Without a book on record the new one starts where a first book would.
      const broughtForwardThrough = lost?.printed_through ?? 0;
      const number = passbooks.nextNumber(ctx.till.branch().code);
      ctx.accounts.issuePassbook({ number, accountNumber: account.account_number, at: op.at, by: actor.username, printedThrough: broughtForwardThrough });
      return {
        operationId: op.id,
        accountNumber: account.account_number,
        lostPassbook: lost?.number ?? null,
        passbookNumber: number,
        broughtForwardThrough,
        approver,
        at: op.at,
      };
    },
  );
  return { ...outcome.result, replayed: outcome.replayed };
}
