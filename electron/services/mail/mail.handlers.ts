import { quoteItem } from '@shared/tariff';
import type { Handlers, SignedInContext } from '../router/handlers';
import { signedIn } from '../router/handlers';
import type { Actor } from '../till/till-context';
import { acceptBasket } from './acceptance';
import { mailCatalog } from './mail-catalog';
import { reprintLabel, reprintReceipt } from './mail-reprint';
import type { MailContext } from './mail-context';
import { mailRepository } from './mail.repository';
import { weigh } from './weighing';

type MailMethod = 'mail.catalog' | 'mail.quote' | 'mail.weigh' | 'mail.accept' | 'mail.senders' | 'mail.reprint';

const actorOf = (context: SignedInContext): Actor => ({ username: context.session.user.username, role: context.session.user.role });

export function mailHandlers(ctx: MailContext): Pick<Handlers, MailMethod> {
  return {
    'mail.catalog': () => mailCatalog(ctx),
    'mail.quote': (input) => quoteItem(ctx.reference.tariffOn(ctx.till.clock.now()), { ...input, weightGrams: input.weightGrams }),
    'mail.weigh': (input, context) => weigh(ctx, actorOf(signedIn(context)), input),
    'mail.accept': (input, context) => {
      // The jobs were booked with the basket; a replayed basket prints nothing again (a copy is a deliberate reprint).
      const outcome = acceptBasket(ctx, actorOf(signedIn(context)), input);
      return { ...outcome.result, printing: outcome.printing, replayed: outcome.replayed };
    },
    'mail.senders': ({ query }) => {
      const rows = mailRepository(ctx.till.sqlite).senders(query);
      return rows.map((row) => ({ id: row.id, name: row.name, address: row.address, locality: '', country: row.country, phone: row.phone ?? '', uses: row.uses }));
    },
    'mail.reprint': (input, context) => {
      const actor = actorOf(signedIn(context));
      return 's10' in input ? reprintLabel(ctx, actor, input.s10) : reprintReceipt(ctx, actor, input.operationId);
    },
  };
}
