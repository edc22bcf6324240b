import { ContractError } from '@shared/contract';
import type { Approvals } from '../auth/approvals';
import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf } from '../till/answer';
import { printPassbook, type PassbookDesk } from './passbook';
import { reportLostPassbook } from './passbook-replacement';
import { reprintPassbook } from './passbook-reprint';
import { passbooksRepository } from './passbooks.repository';
import type { SavingsContext } from './savings-context';
import { statement } from './statement';

type PassbookMethod = 'savings.printPassbook' | 'savings.reprintPassbook' | 'savings.reportLostPassbook' | 'savings.statement';

/** Passbooks and statements: printing, reprinting (approved), a lost book replaced (approved), the account's lines. */
export function passbookHandlers(ctx: SavingsContext, approvals: Approvals): Pick<Handlers, PassbookMethod> {
  const desk: PassbookDesk = { ctx, passbooks: passbooksRepository(ctx.till.sqlite) };
  const printing = new Set<string>();
  /**
   * One passbook print per account at a time: two windows reading the same cursor would print the
   * same lines twice in the book (the printer itself already takes one passbook at a time).
   */
  const alone = async <R>(accountNumber: string, print: () => Promise<R>): Promise<R> => {
    if (printing.has(accountNumber)) {
      throw new ContractError('CONFLICT', `a passbook of account ${accountNumber} is printing now`, { rule: 'passbook-printing', accountNumber });
    }
    printing.add(accountNumber);
    try {
      return await print();
    } finally {
      printing.delete(accountNumber);
    }
  };
  return {
    'savings.printPassbook': (input, context) => alone(input.accountNumber, () => printPassbook(desk, actorOf(signedIn(context)), input)),
    'savings.reprintPassbook': async (input, context) => {
      const signed = signedIn(context);
      const approver = await approvals.require({ action: 'savings.reprintPassbook', subject: input.accountNumber, session: signed.session, credentials: signed.approval });
      return alone(input.accountNumber, () => reprintPassbook(desk, actorOf(signed), approver, input));
    },
    'savings.reportLostPassbook': async (input, context) => {
      const signed = signedIn(context);
      const approver = await approvals.require({ action: 'savings.reportLostPassbook', subject: input.accountNumber, session: signed.session, credentials: signed.approval });
      return alone(input.accountNumber, () => Promise.resolve(reportLostPassbook(desk, actorOf(signed), approver, input)));
    },
    'savings.statement': (input, context) => statement(desk, actorOf(signedIn(context)), input),
  };
}
