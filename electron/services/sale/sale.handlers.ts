import type { Handlers } from '../router/handlers';
import { signedIn } from '../router/handlers';
import { actorOf, answer } from '../till/answer';
import type { TillContext } from '../till/till-context';
import { completeSale } from './sale';

/** Over-the-counter sales of stamps and supplies, paid cash into the clerk's till. */
export function saleHandlers(ctx: TillContext): Pick<Handlers, 'sale.products' | 'sale.complete'> {
  return {
    'sale.products': () => ctx.catalog.list(ctx.config().currency),
    'sale.complete': (input, context) => answer(completeSale(ctx, actorOf(signedIn(context)), input)),
  };
}
