import type { Approvals } from '../auth/approvals';
import type { CounterpartyFrame } from '../counterparty/counterparty-frame';
import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf } from '../till/answer';
import { checkClosing, closeAccount } from './closing';
import type { PassbookDesk } from './passbook';
import { renewPassbook } from './passbook-renewal';
import { passbooksRepository } from './passbooks.repository';
import { checkReactivation, reactivateAccount } from './reactivation';
import type { SavingsContext } from './savings-context';

type LifecycleMethod = 'savings.reactivate' | 'savings.close' | 'savings.renewPassbook';

/** The account's life at the window: a dormant account woken, an account closed and paid out, a full passbook renewed. */
export function lifecycleHandlers(ctx: SavingsContext, frame: CounterpartyFrame, approvals: Approvals): Pick<Handlers, LifecycleMethod> {
  const desk: PassbookDesk = { ctx, passbooks: passbooksRepository(ctx.till.sqlite) };
  return {
    'savings.reactivate': async (input, context) => {
      const signed = signedIn(context);
      await checkReactivation(ctx, input.accountNumber);
      const approver = await approvals.require({ action: 'savings.reactivate', subject: input.accountNumber, session: signed.session, credentials: signed.approval });
      return reactivateAccount(ctx, actorOf(signed), approver, input.accountNumber);
    },
    'savings.close': async (input, context) => {
      const signed = signedIn(context);
      const actor = actorOf(signed);
      // A retry of a closing already started only asks where it stands: no checks or approval again.
      const started = frame.find(input.operationId) ?? ctx.closings.read(input.operationId);
      let approver: string | null = null;
      if (!started) {
        await checkClosing(ctx, actor, input);
        // Every closing: the whole balance leaves, and an account once closed stays closed.
        approver = await approvals.require({ action: 'savings.close', subject: input.accountNumber, session: signed.session, credentials: signed.approval });
      }
      return closeAccount(ctx, frame, actor, input, approver);
    },
    'savings.renewPassbook': (input, context) => renewPassbook(desk, actorOf(signedIn(context)), input),
  };
}
